#!/usr/bin/env bash
# Brings the whole path up on a machine with Docker, and shows it working:
# builds the plugin zips and the Connect image, starts the stack, waits for health, registers one
# connector per database from config-examples/ (server addresses from docker/connectors/), publishes
# a few MQTT messages through EMQX and prints what landed in every database.
# Needs: Docker with compose (v2 "docker compose" or v1 "docker-compose"), JDK 17+, Maven, curl, jq.
# Dashboards: Grafana http://localhost:3000, Prometheus http://localhost:9090, EMQX http://localhost:18083.
set -euo pipefail
cd "$(dirname "$0")/.."

if docker compose version >/dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi
dc() { "${compose[@]}" -p mqtt-persistence -f docker/compose.yaml "$@"; }
databases=(pgsql mysql redis mongo cassandra)

# Waits until each named service's healthcheck passes (compose v1 has no "up --wait").
wait_healthy() {
  for service in "$@"; do
    for _ in $(seq 1 120); do
      status=$(docker inspect --format '{{.State.Health.Status}}' "$(dc ps -q "$service")" 2>/dev/null || true)
      [ "$status" = healthy ] && break
      sleep 2
    done
    [ "$status" = healthy ] || { echo "$service did not become healthy" >&2; dc logs --tail 50 "$service" >&2; exit 1; }
    echo "$service: healthy"
  done
}

if [ "${SKIP_BUILD:-}" != 1 ]; then
  mvn -B -q -DskipTests package
fi
dc build connect
dc up -d kafka
wait_healthy kafka
dc exec -T kafka /opt/kafka/bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --if-not-exists \
  --topic emqx_events --partitions 4 --replication-factor 1
dc up -d
wait_healthy connect emqx postgres mysql redis mongo cassandra

for db in "${databases[@]}"; do
  name=$(jq -r .name "config-examples/$db.json")
  # The example the tests use, with this stack's addresses: nothing copied by hand.
  config=$(jq -s '.[0].config * .[1]' "config-examples/$db.json" "docker/connectors/$db.json")
  curl -fsS -X PUT -H 'Content-Type: application/json' "localhost:8083/connectors/$name/config" \
    --data "$config" >/dev/null
  echo "registered $name"
done
for db in "${databases[@]}"; do
  name=$(jq -r .name "config-examples/$db.json")
  for _ in $(seq 1 60); do
    state=$(curl -fsS "localhost:8083/connectors/$name/status" | jq -r '[.connector.state] + [.tasks[].state] | unique | join(",")')
    [ "$state" = RUNNING ] && break
    sleep 2
  done
  echo "$name: $state"
done

# A subscriber with a persistent session (a subscription, and later its acks), then a publisher.
dc run --rm -d --name mqttp-sub mqtt-client \
  mosquitto_sub -h emqx -i demo-subscriber -c -q 1 -t 'sensors/#' -C 3 >/dev/null
sleep 2
for n in 1 2 3; do
  dc run --rm mqtt-client mosquitto_pub -h emqx -i demo-sensor -q 1 -t sensors/temp -m "{\"celsius\": 2$n}"
done
dc run --rm mqtt-client mosquitto_pub -h emqx -i demo-lamp -q 1 -r -t lamps/kitchen -m on
sleep 10

echo "== PostgreSQL"
dc exec -T postgres psql -U postgres -d mqtt -c 'select clientid, state from mqtt_client' \
  -c 'select msgid, topic, sender, qos, payload from mqtt_msg' -c 'select topic, msgid from mqtt_retain' \
  -c 'select clientid, topic, mid from mqtt_acked'
echo "== MySQL"
dc exec -T mysql mysql -uroot -ppublic mqtt -e \
  'select clientid, state from mqtt_client; select msgid, topic, sender, qos, payload from mqtt_msg; select topic, msgid from mqtt_retain'
echo "== Redis"
dc exec -T redis redis-cli --scan --pattern 'mqtt:*'
echo "== MongoDB"
dc exec -T mongo mongosh --quiet mqtt --eval \
  'printjson(db.mqtt_client.find().toArray()); printjson(db.mqtt_msg.find().toArray()); printjson(db.mqtt_retain.find().toArray())'
echo "== Cassandra"
dc exec -T cassandra cqlsh -e 'select clientid, state from mqtt.client; select id, topic, sender, qos from mqtt.msg; select topic, msgid from mqtt.retain'
echo
echo "Grafana: http://localhost:3000  Prometheus: http://localhost:9090  EMQX: http://localhost:18083  Connect: http://localhost:8083"
echo "Stop and remove everything: docker/down.sh"
