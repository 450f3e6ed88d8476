package net.iotgw.radio.emulator;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.radio.rcp.RadioFrame;

/**
 * One radio on the medium: its receiver, the addresses its filter accepts, and its transmit queue's
 * occupancy. The queue itself lives in the medium's stage; {@code pending} counts frames submitted
 * but not yet on the air, and is checked before a frame is handed to the stage, so the stage's
 * mailbox never holds more than {@code capacity} frames per station.
 */
final class Station implements NodeHandle {

  /** What a station does with a frame that reached it. Called on the delivery thread. */
  interface Receiver {
    void receive(byte[] psdu, int rssi, int lqi);
  }

  final RadioMedium medium;
  final Receiver receiver;
  final AtomicInteger pending = new AtomicInteger();
  private final LongAdder dropped = new LongAdder();
  private final int capacity;
  private volatile long extendedAddress;
  private volatile int shortAddress;
  /** Whether the radio hears the channel: a node's always, a dongle's once its host enabled it. */
  private volatile boolean receiving;

  Station(
      RadioMedium medium, Receiver receiver, long extendedAddress, int shortAddress, int capacity) {
    this.medium = medium;
    this.receiver = receiver;
    this.extendedAddress = extendedAddress;
    this.shortAddress = shortAddress;
    this.capacity = capacity;
  }

  long extendedAddress() {
    return extendedAddress;
  }

  int shortAddress() {
    return shortAddress;
  }

  boolean receiving() {
    return receiving;
  }

  void setReceiving(boolean on) {
    this.receiving = on;
  }

  void setAddresses(long extended, int shortAddr) {
    this.extendedAddress = extended;
    this.shortAddress = shortAddr;
  }

  @Override
  public boolean transmit(byte[] psdu) {
    return transmit(psdu, null);
  }

  /** As {@link #transmit(byte[])}; {@code onAir}, if given, runs once the frame has been sent. */
  boolean transmit(byte[] psdu, Runnable onAir) {
    if (psdu.length < RadioFrame.MIN_PSDU || psdu.length > MacFrameCodec.MAX_PHY_PACKET_SIZE) {
      throw new IllegalArgumentException(
          "PSDU of "
              + psdu.length
              + " bytes, not "
              + RadioFrame.MIN_PSDU
              + ".."
              + MacFrameCodec.MAX_PHY_PACKET_SIZE);
    }
    if (pending.incrementAndGet() > capacity || !medium.submit(this, psdu.clone(), onAir)) {
      pending.decrementAndGet();
      dropped.increment();
      medium.countQueueDrop();
      return false;
    }
    return true;
  }

  @Override
  public long dropped() {
    return dropped.sum();
  }

  @Override
  public void detach() {
    medium.detach(this);
  }
}
