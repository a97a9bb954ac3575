package io.mqttpersistence.connect.jdbc.testing;

import java.io.IOException;
import java.net.ServerSocket;

/** A database server a test owns, so that stopping it disturbs nothing else on the machine. */
public interface RestartableServer extends AutoCloseable {
  /** host:port */
  String server();

  void stop() throws Exception;

  /** Starts it again on the same port with the same data. */
  void start() throws Exception;

  @Override
  void close() throws Exception;

  /** A loopback port nothing listens on right now. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
