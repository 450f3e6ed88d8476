package net.iotgw.protocols.pana.engine;

/** A session state that has a channel (sequence numbers, outstanding request, key) to read. */
interface HasChannel {
  Channel channel();
}
