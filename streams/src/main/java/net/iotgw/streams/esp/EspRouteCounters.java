package net.iotgw.streams.esp;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one {@link EspRoute} carried, each way: packets and ESP octets (from the SPI to the end of
 * the ICV, the same on both sides of the gateway whatever the outer headers). Written by the
 * forwarder's stages, read from anywhere; they live as long as the route is installed, across
 * restarts of the data plane.
 */
public final class EspRouteCounters {
  private final LongAdder downlinkPackets = new LongAdder();
  private final LongAdder downlinkOctets = new LongAdder();
  private final LongAdder uplinkPackets = new LongAdder();
  private final LongAdder uplinkOctets = new LongAdder();

  /** ESP packets forwarded from the UD to the CD. */
  public long downlinkPackets() {
    return downlinkPackets.sum();
  }

  /** ESP octets forwarded from the UD to the CD. */
  public long downlinkOctets() {
    return downlinkOctets.sum();
  }

  /** ESP packets forwarded from the CD to the UD. */
  public long uplinkPackets() {
    return uplinkPackets.sum();
  }

  /** ESP octets forwarded from the CD to the UD. */
  public long uplinkOctets() {
    return uplinkOctets.sum();
  }

  void downlink(int espOctets) {
    downlinkPackets.increment();
    downlinkOctets.add(espOctets);
  }

  void uplink(int espOctets) {
    uplinkPackets.increment();
    uplinkOctets.add(espOctets);
  }

  @Override
  public String toString() {
    return "EspRouteCounters[down "
        + downlinkPackets()
        + " (" + downlinkOctets() + " octets), up "
        + uplinkPackets()
        + " (" + uplinkOctets() + " octets)]";
  }
}
