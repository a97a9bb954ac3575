package io.mqttpersistence.demo;

import java.util.Map;
import java.util.TreeSet;
import redis.clients.jedis.Jedis;

/** The demo's Redis database (number 15), emptied first; what was stored is printed key by key. */
record RedisDemoTarget(String server) implements DemoTarget {
  private static final int DB = 15;

  private Jedis open() {
    String[] hp = server.split(":", -1);
    Jedis j = new Jedis(hp[0], Integer.parseInt(hp[1]));
    j.select(DB);
    return j;
  }

  @Override
  public void prepare() {
    try (Jedis j = open()) {
      j.flushDB();
    }
  }

  @Override
  public Map<String, String> connection() {
    return Map.of("redis.server", server, "redis.database", Integer.toString(DB));
  }

  @Override
  public boolean ready() {
    return true;
  }

  @Override
  public void addSampleSubscription() {
    try (Jedis j = open()) {
      j.hset("mqtt:sub:dashboard", "sensors/+/temp", "1");
    }
  }

  @Override
  public boolean endMarkerStored() {
    try (Jedis j = open()) {
      return j.zcard("mqtt:msg:demo/end") == 1;
    }
  }

  @Override
  public void printStored() {
    try (Jedis j = open()) {
      Demo.say("Redis database " + DB + ", EMQX's key layout:");
      for (String key : new TreeSet<>(j.keys("*"))) {
        String type = j.type(key);
        Object value =
            switch (type) {
              case "hash" -> j.hgetAll(key);
              case "zset" -> j.zrangeWithScores(key, 0, -1);
              case "string" -> j.get(key);
              default -> type;
            };
        long ttl = j.pttl(key);
        System.out.println(
            "  "
                + key
                + " ("
                + type
                + (ttl > 0 ? ", expires in " + ttl / 1000 + " s" : "")
                + ") = "
                + value);
      }
    }
  }
}
