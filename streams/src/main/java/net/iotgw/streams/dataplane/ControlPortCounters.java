package net.iotgw.streams.dataplane;

import java.util.concurrent.atomic.LongAdder;

/**
 * What crossed the data plane's control port ({@link ControlPort}); written by its stages, read
 * from anywhere. One instance per data plane blueprint.
 */
public final class ControlPortCounters {
  private final LongAdder toControlPlane = new LongAdder();
  private final LongAdder droppedControlPlaneBusy = new LongAdder();
  private final LongAdder fromControlPlane = new LongAdder();
  private final LongAdder droppedPanaFromUcn = new LongAdder();

  /** PANA packets from the radio handed to the control plane. */
  public long toControlPlane() {
    return toControlPlane.sum();
  }

  /** PANA packets from the radio dropped because the control plane's queue was full. */
  public long droppedControlPlaneBusy() {
    return droppedControlPlaneBusy.sum();
  }

  /** Packets the control plane sent towards the radio. */
  public long fromControlPlane() {
    return fromControlPlane.sum();
  }

  /** PANA packets from the UCN dropped: only the control plane speaks PANA to the CDs. */
  public long droppedPanaFromUcn() {
    return droppedPanaFromUcn.sum();
  }

  void toControlPlane(long n) {
    toControlPlane.add(n);
  }

  void droppedControlPlaneBusy(long n) {
    droppedControlPlaneBusy.add(n);
  }

  void fromControlPlane(long n) {
    fromControlPlane.add(n);
  }

  void droppedPanaFromUcn(long n) {
    droppedPanaFromUcn.add(n);
  }

  @Override
  public String toString() {
    return "ControlPortCounters[to control plane "
        + toControlPlane()
        + ", dropped busy "
        + droppedControlPlaneBusy()
        + ", from control plane "
        + fromControlPlane()
        + ", PANA from UCN dropped "
        + droppedPanaFromUcn()
        + "]";
  }
}
