#!/bin/sh
# The Docker Compose broker: the same server.properties.template as `npm start`, with the
# passwords of the credentials volume; formats the log dir once with every principal's SCRAM
# credentials, then runs Kafka. Passwords go from their files into 0600 files only, never onto a
# command line (which `ps` on the Docker host would show).
set -eu
CREDENTIALS=/var/lib/bp-credentials/kafka
CONFIG=/tmp/bp/server.properties
umask 077
mkdir -p /tmp/bp

# awk reads the two passwords from their files; only the file names are on its command line.
awk -v credentials="$CREDENTIALS" '
  BEGIN {
    getline admin < (credentials "/admin")
    getline controller < (credentials "/controller")
    value["KAFKA_PORT"] = "9092"; value["KAFKA_CONTROLLER_PORT"] = "9093"
    value["KAFKA_LISTEN_HOST"] = "0.0.0.0"; value["KAFKA_ADVERTISED_HOST"] = "kafka"
    value["KAFKA_DATA_DIR"] = "/var/lib/kafka/data"; value["KAFKA_ADMIN_PRINCIPAL"] = "admin"
    value["KAFKA_ADMIN_PASSWORD"] = admin; value["KAFKA_CONTROLLER_PASSWORD"] = controller
  }
  {
    for (name in value) {
      placeholder = "${" name "}"
      while ((at = index($0, placeholder)) > 0)
        $0 = substr($0, 1, at - 1) value[name] substr($0, at + length(placeholder))
    }
    print
  }' /opt/bp-kafka/server.properties.template >"$CONFIG"

# For the health check: the admin, signed in.
awk -v credentials="$CREDENTIALS" 'BEGIN {
  getline admin < (credentials "/admin")
  print "security.protocol=SASL_PLAINTEXT"
  print "sasl.mechanism=SCRAM-SHA-512"
  print "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"" admin "\";"
}' >/tmp/bp/admin.properties

if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  # Once: the SCRAM credentials of the admin and of every app, through a java argument file (the
  # launcher expands it; the main class and its arguments are in it too).
  ARGS=/tmp/bp/format.args
  {
    printf '%s\n' -cp '"/opt/kafka/libs/*"' kafka.tools.StorageTool format \
      "--cluster-id=$(/opt/kafka/bin/kafka-storage.sh random-uuid)" -c "$CONFIG" --standalone
    for file in "$CREDENTIALS"/*; do
      name=$(basename "$file")
      [ "$name" = controller ] && continue
      awk -v name="$name" 'NR == 1 { print "--add-scram"; print "SCRAM-SHA-512=[name=" name ",password=" $0 "]" }' "$file"
    done
  } >"$ARGS"
  "${JAVA_HOME:+$JAVA_HOME/bin/}java" "@$ARGS"
  rm -f "$ARGS"
fi
exec /opt/kafka/bin/kafka-server-start.sh "$CONFIG"
