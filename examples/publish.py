"""Publish one article (a plain-text file) to the raw exchange, as a producer would.

    pip install pika==1.3.2
    python3 examples/publish.py tests/fixtures/menafn-ukrinform-2024-10-28.txt

AMQP_URL, EXCHANGE (default articles.raw), ROUTING_KEY (news) and MESSAGE_ID
(ukrinform-1) change the defaults. The message is mandatory and confirmed: until a
worker has declared and bound its input queue it comes back unroutable, and is
sent again every 2 s for up to 2 minutes (compose starts this before the workers).
"""
import os, sys, time

import pika

URL = os.environ.get("AMQP_URL", "amqp://guest:guest@localhost:5672/%2f")
EXCHANGE = os.environ.get("EXCHANGE", "articles.raw")
body = open(sys.argv[1], "rb").read()
properties = pika.BasicProperties(
    content_type="text/plain",
    message_id=os.environ.get("MESSAGE_ID", "ukrinform-1"),
    delivery_mode=pika.DeliveryMode.Persistent,
)
channel = pika.BlockingConnection(pika.URLParameters(URL)).channel()
channel.confirm_delivery()
for attempt in range(60):
    try:
        channel.basic_publish(
            EXCHANGE, os.environ.get("ROUTING_KEY", "news"), body, properties, mandatory=True
        )
        print(f"published {sys.argv[1]} to {EXCHANGE}", flush=True)
        break
    except (pika.exceptions.UnroutableError, pika.exceptions.ChannelClosedByBroker) as error:
        print(f"not routed yet ({error!r}), retrying in 2 s", flush=True)
        time.sleep(2)
        if channel.is_closed:
            channel = pika.BlockingConnection(pika.URLParameters(URL)).channel()
            channel.confirm_delivery()
else:
    sys.exit("gave up: no queue is bound to the exchange")
