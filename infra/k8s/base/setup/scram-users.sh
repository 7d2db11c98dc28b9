#!/bin/sh
# The setup Job's first step, in the broker's own image: sets every app principal's
# SCRAM-SHA-512 password to the one in bp-kafka-credentials, signed in as the admin, with Kafka's
# kafka-configs tool (ConfigCommand). Repeating it is harmless; after a password rotation it is
# what gives the broker the new ones. Passwords go through 0600 files, never onto a command line.
set -eu
CREDENTIALS=/var/lib/bp-credentials/kafka
WORK=/tmp/bp
umask 077
mkdir -p "$WORK"
# Values written into a JAAS setting and a Java argument file: quotes, spaces, commas or brackets
# would change what they say, so only the characters generated passwords have are taken.
case "$KAFKA_BROKERS" in *[!A-Za-z0-9.:,_-]*) echo "KAFKA_BROKERS: host:port[,host:port...]" >&2; exit 2 ;; esac
for file in "$CREDENTIALS"/*; do
  case "$(head -n 1 "$file")" in
    '' | *[!A-Za-z0-9_-]*) echo "$(basename "$file"): a password of letters, digits, - and _ only" >&2; exit 2 ;;
  esac
done
awk 'NR == 1 {
  print "security.protocol=SASL_PLAINTEXT"
  print "sasl.mechanism=SCRAM-SHA-512"
  print "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"" $0 "\";"
}' "$CREDENTIALS/admin" >"$WORK/admin.properties"
for file in "$CREDENTIALS"/*; do
  name=$(basename "$file")
  [ "$name" = admin ] && continue
  {
    printf '%s\n' -cp '"/opt/kafka/libs/*"' kafka.admin.ConfigCommand \
      --bootstrap-server "$KAFKA_BROKERS" --command-config "$WORK/admin.properties" \
      --alter --entity-type users --entity-name "$name" --add-config
    awk 'NR == 1 { print "SCRAM-SHA-512=[iterations=8192,password=" $0 "]" }' "$file"
  } >"$WORK/scram.args"
  echo "Setting the broker password of principal $name"
  "${JAVA_HOME:+$JAVA_HOME/bin/}java" "@$WORK/scram.args"
done
rm -rf "$WORK"
