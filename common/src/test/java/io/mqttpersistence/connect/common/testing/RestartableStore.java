package io.mqttpersistence.connect.common.testing;

/** A store on a server of the test's own, which it may stop and start again with its data. */
public interface RestartableStore extends StoreUnderTest {
  void stopServer() throws Exception;

  void startServer() throws Exception;
}
