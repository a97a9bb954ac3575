package io.mqttpersistence.connect.common.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends a generated stream as EMQX 5 JSON, pipelined: the embedded cluster's produce waits for each
 * record's acknowledgement before the next, which made producing the suites' streams take longer
 * than the connectors took to store them. Records keep their order per key (one idempotent
 * producer), land on the partitions their keys hash to, and are all acknowledged on return.
 */
final class StreamProducer {
  private StreamProducer() {}

  static void send(String bootstrapServers, String topic, List<StreamGenerator.Keyed> records) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
      for (StreamGenerator.Keyed r : records) {
        acks.add(producer.send(new ProducerRecord<>(topic, r.key(), r.event().emqx5Json())));
      }
      producer.flush();
      for (Future<RecordMetadata> ack : acks) {
        ack.get(2, TimeUnit.MINUTES);
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not produce the stream to " + topic, e);
    }
  }
}
