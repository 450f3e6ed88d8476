package net.iotgw.streams.pcap;

import java.time.Instant;

/** A copy of one packet and the instant it passed a tap: one pcap record to be. */
record Capture(Instant at, byte[] packet) {}
