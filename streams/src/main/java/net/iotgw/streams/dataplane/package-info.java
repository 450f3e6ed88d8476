/**
 * The border router's data plane assembled: the UCN port, the 6LoWPAN adaptation and the radio,
 * with optional pcap taps on either side ({@link net.iotgw.streams.dataplane.DataPlaneGraph}). The
 * gateway's actors materialize it and restart it; no packet passes through an actor.
 */
package net.iotgw.streams.dataplane;
