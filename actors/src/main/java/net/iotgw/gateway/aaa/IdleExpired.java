package net.iotgw.gateway.aaa;

/** A session's idle timer fired: no Relay for {@code iotgw.aaa.idle-timeout}. */
record IdleExpired(EapSessionId session) implements Aaa.Internal {}
