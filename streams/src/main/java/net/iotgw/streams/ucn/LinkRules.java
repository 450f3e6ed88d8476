package net.iotgw.streams.ucn;

import java.util.concurrent.atomic.LongAdder;

/**
 * The one rule every UCN port applies in both directions: the link carries IPv6 packets (version
 * 6, at least the 40-octet fixed header, RFC 8200 §3) no larger than its MTU. Anything else is
 * dropped and counted, as a link drops a frame it cannot carry.
 */
final class LinkRules {
  static final int IPV6_HEADER = 40;

  private final int mtu;
  private final LongAdder received = new LongAdder();
  private final LongAdder receiveDropped = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final LongAdder sendDropped = new LongAdder();

  LinkRules(int mtu) {
    if (mtu < TunDevice.IPV6_MIN_MTU || mtu > 65535) {
      throw new IllegalArgumentException("MTU " + mtu + " outside 1280..65535");
    }
    this.mtu = mtu;
  }

  int mtu() {
    return mtu;
  }

  boolean carries(byte[] packet) {
    return packet.length >= IPV6_HEADER && packet.length <= mtu && (packet[0] & 0xf0) == 0x60;
  }

  /** Counts a packet from the UCN: kept (emitted downstream) or dropped. */
  void countReceived(boolean kept) {
    (kept ? received : receiveDropped).increment();
  }

  /** Counts a packet for the UCN: delivered or dropped. */
  void countSent(boolean delivered) {
    (delivered ? sent : sendDropped).increment();
  }

  UcnCounters snapshot() {
    return new UcnCounters(received.sum(), receiveDropped.sum(), sent.sum(), sendDropped.sum());
  }
}
