#!/bin/sh
# The Docker Compose broker: the same server.properties.template as `npm start`, with the
# passwords of the credentials volume; formats the log dir once with every principal's SCRAM
# credentials, then runs Kafka.
set -eu
CREDENTIALS=/var/lib/bp-credentials/kafka
CONFIG=/tmp/bp/server.properties
umask 077
mkdir -p /tmp/bp
secret() { tr -d '\n' <"$CREDENTIALS/$1"; }

sed -e "s|\${KAFKA_PORT}|9092|g" \
  -e "s|\${KAFKA_CONTROLLER_PORT}|9093|g" \
  -e "s|\${KAFKA_LISTEN_HOST}|0.0.0.0|g" \
  -e "s|\${KAFKA_ADVERTISED_HOST}|kafka|g" \
  -e "s|\${KAFKA_DATA_DIR}|/var/lib/kafka/data|g" \
  -e "s|\${KAFKA_ADMIN_PRINCIPAL}|admin|g" \
  -e "s|\${KAFKA_ADMIN_PASSWORD}|$(secret admin)|g" \
  -e "s|\${KAFKA_CONTROLLER_PASSWORD}|$(secret controller)|g" \
  /opt/bp-kafka/server.properties.template >"$CONFIG"

# For the health check: the admin, signed in.
cat >/tmp/bp/admin.properties <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(secret admin)";
PROPERTIES

if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  # Once, in this container alone: the SCRAM credentials of the admin and of every app.
  set --
  for file in "$CREDENTIALS"/*; do
    name=$(basename "$file")
    [ "$name" = controller ] && continue
    set -- "$@" --add-scram "SCRAM-SHA-512=[name=$name,password=$(secret "$name")]"
  done
  /opt/kafka/bin/kafka-storage.sh format --cluster-id "$(/opt/kafka/bin/kafka-storage.sh random-uuid)" \
    -c "$CONFIG" --standalone "$@"
fi
exec /opt/kafka/bin/kafka-server-start.sh "$CONFIG"
