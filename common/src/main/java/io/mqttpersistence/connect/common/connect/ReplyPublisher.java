package io.mqttpersistence.connect.common.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqttpersistence.connect.common.store.LookupReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * Writes lookup results to {@code lookup.reply.topic}: key = clientid, value = the reply as JSON.
 * Sends wait for the broker's acknowledgement before the batch's offsets may be committed.
 */
final class ReplyPublisher implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;

  ReplyPublisher(Map<String, Object> producerConfig, String topic) {
    Map<String, Object> cfg = new LinkedHashMap<>(producerConfig);
    cfg.putIfAbsent("acks", "all");
    cfg.putIfAbsent("enable.idempotence", "true");
    cfg.putIfAbsent("linger.ms", "5");
    this.producer = new KafkaProducer<>(cfg, new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = topic;
  }

  void publish(List<LookupReply> replies) {
    if (replies.isEmpty()) {
      return;
    }
    List<Future<RecordMetadata>> sent = new ArrayList<>(replies.size());
    for (LookupReply r : replies) {
      sent.add(
          producer.send(
              new ProducerRecord<>(
                  topic, r.clientid().getBytes(StandardCharsets.UTF_8), toJson(r))));
    }
    producer.flush();
    for (Future<RecordMetadata> f : sent) {
      try {
        f.get();
      } catch (ExecutionException e) {
        // The database part of the batch is idempotent: redelivering it resends the replies.
        throw new RetriableException(
            "could not write lookup reply to " + topic + ": " + e.getCause(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RetriableException("interrupted while writing lookup replies", e);
      }
    }
  }

  static byte[] toJson(LookupReply r) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("action", r.action());
    body.put("clientid", r.clientid());
    body.put("function", r.function());
    if (r.topic() != null) {
      body.put("topic", r.topic());
    }
    body.put(r.action().equals(LookupReply.SUBSCRIBE) ? "subscriptions" : "messages", r.items());
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("lookup reply cannot be rendered as JSON", e);
    }
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(10));
  }
}
