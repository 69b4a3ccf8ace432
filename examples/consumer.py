"""Print the entities of each enriched article, once per message_id.

    pip install pika==1.3.2
    python3 examples/consumer.py     # AMQP_URL, EXCHANGE, QUEUE change the defaults

Declares its own durable queue (QUEUE, default example.consumer) bound to the
enriched exchange (EXCHANGE, default articles.enriched) with "#"; remove it when
done: rabbitmqctl delete_queue example.consumer. Delivery is at least once: a
redelivered article comes again with the same message_id, so the last 10,000
ids are remembered and a repeat is acked and skipped.
"""
import json, os
from collections import OrderedDict

import pika

URL = os.environ.get("AMQP_URL", "amqp://guest:guest@localhost:5672/%2f")
EXCHANGE = os.environ.get("EXCHANGE", "articles.enriched")
QUEUE = os.environ.get("QUEUE", "example.consumer")
seen = OrderedDict()


def on_message(channel, method, properties, body):
    key = properties.message_id
    if key is None or key not in seen:
        if key is not None:
            seen[key] = True
            if len(seen) > 10_000:
                seen.popitem(last=False)
        article = json.loads(body)
        print(article.get("id"), flush=True)
        for entity in article.get("entities", []):
            print(f"  {entity['type']:<13} {entity['name']}", flush=True)
    channel.basic_ack(method.delivery_tag)


channel = pika.BlockingConnection(pika.URLParameters(URL)).channel()
channel.exchange_declare(EXCHANGE, "topic", durable=True)
channel.queue_declare(QUEUE, durable=True)
channel.queue_bind(QUEUE, EXCHANGE, "#")
channel.basic_qos(prefetch_count=20)
channel.basic_consume(QUEUE, on_message)
channel.start_consuming()
