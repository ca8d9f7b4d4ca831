"""The bundled demo news site (``demo/site``) and the tiny loopback server that serves it."""
