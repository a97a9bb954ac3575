package io.mqttpersistence.connect.jdbc.testing;

/** A database server a test owns, so that stopping it disturbs nothing else on the machine. */
public interface RestartableServer extends AutoCloseable {
  /** host:port */
  String server();

  void stop() throws Exception;

  /** Starts it again on the same port with the same data. */
  void start() throws Exception;

  @Override
  void close() throws java.io.IOException;
}
