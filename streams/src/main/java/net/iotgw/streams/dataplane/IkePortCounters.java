package net.iotgw.streams.dataplane;

import java.util.concurrent.atomic.LongAdder;

/**
 * What crossed the data plane's IKE port ({@link IpsecJunction}); written by its stages, read from
 * anywhere. One instance per data plane blueprint.
 */
public final class IkePortCounters {
  private final LongAdder toControlPlane = new LongAdder();
  private final LongAdder droppedControlPlaneBusy = new LongAdder();
  private final LongAdder fromControlPlane = new LongAdder();

  /** IKE messages from UDs handed to the control plane. */
  public long toControlPlane() {
    return toControlPlane.sum();
  }

  /** IKE messages from UDs dropped because the control plane's queue was full. */
  public long droppedControlPlaneBusy() {
    return droppedControlPlaneBusy.sum();
  }

  /** IKE messages the control plane sent to UDs. */
  public long fromControlPlane() {
    return fromControlPlane.sum();
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

  @Override
  public String toString() {
    return "IkePortCounters[to control plane "
        + toControlPlane()
        + ", dropped busy "
        + droppedControlPlaneBusy()
        + ", from control plane "
        + fromControlPlane()
        + "]";
  }
}
