package net.iotgw.load.cdsim;

import java.util.List;
import java.util.function.LongSupplier;
import net.iotgw.load.cd.CdStats;
import net.iotgw.load.cd.SimulatedCd;
import net.iotgw.radio.emulator.RadioNode;

/**
 * A {@link SimulatedCd} as a station of the emulator's radio medium. The medium calls {@link
 * #onFrame} on its delivery thread, the only thread the CD is confined to; after each frame the
 * adapter publishes the CD's counters so that a reporter on another thread can read them.
 */
final class SimulatedCdNode implements RadioNode {
  private final SimulatedCd cd;
  private final LongSupplier clockMillis;
  private volatile CdStats stats = CdStats.ZERO;

  SimulatedCdNode(SimulatedCd cd, LongSupplier clockMillis) {
    this.cd = cd;
    this.clockMillis = clockMillis;
  }

  @Override
  public long extendedAddress() {
    return cd.extendedAddress();
  }

  @Override
  public int shortAddress() {
    return cd.shortAddress();
  }

  @Override
  public List<byte[]> onFrame(byte[] psdu) {
    List<byte[]> replies = cd.onFrame(psdu, clockMillis.getAsLong());
    stats = cd.stats();
    return replies;
  }

  /** The CD's counters after the last frame it handled; safe from any thread. */
  CdStats stats() {
    return stats;
  }

  SimulatedCd cd() {
    return cd;
  }
}
