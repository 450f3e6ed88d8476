package net.iotgw.gateway.device;

import java.util.List;

/**
 * For measurement only: CDs that the gateway treats as admitted from its start, without radio or
 * PANA, and whose CHILD_SA key deliveries (paper Sec. III-D) it counts as acknowledged the moment
 * it makes them, so that a load generator measures the gateway's own IKE work rather than the
 * 802.15.4 channel's. Built only in code ({@code Gateway.create(config, parts, measured)}, used by
 * the {@code load-tests ike} command); no configuration key leads here, and a deployment never
 * admits a CD this way.
 *
 * @param eui64s the CDs' EUI-64s; each needs an IKE profile in the device store to be answered
 */
public record MeasuredCds(List<Long> eui64s) {
  /** No CD admitted in memory: every real gateway. */
  public static final MeasuredCds NONE = new MeasuredCds(List.of());

  public MeasuredCds {
    eui64s = List.copyOf(eui64s);
  }
}
