package io.mqttpersistence.connect.common.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class whose tests share one in-process Kafka broker and Connect worker: started before the
 * first test, stopped after the last. Each test takes fresh topics ({@link
 * ConnectHarness#freshTopics}), so tests never see each other's records.
 */
public abstract class EmbeddedConnectSuite {
  protected static ConnectHarness connect;

  @BeforeAll
  static void startEmbeddedConnect() {
    connect = ConnectHarness.start();
  }

  @AfterAll
  static void stopEmbeddedConnect() {
    connect.close();
  }
}
