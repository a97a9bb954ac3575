package io.mqttpersistence.connect.mongo;

import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The whole end-to-end suite against a real mongod (the mongo:7 image), where a Docker engine runs;
 * skipped without one. Without Docker, {@code -Dit.mongo.uri} runs the same suite against any
 * MongoDB.
 */
@Testcontainers(disabledWithoutDocker = true)
class MongoOnDockerIT extends MongoSinkIT {
  @Container private static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0.14");

  @Override
  MongoTestServer server() {
    return MongoTestServer.at(MONGO.getConnectionString());
  }
}
