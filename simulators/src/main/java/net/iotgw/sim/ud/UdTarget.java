package net.iotgw.sim.ud;

import java.util.Objects;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.ipv6.Ipv6Address;

/**
 * One CD a simulated UD talks to.
 *
 * @param index the CD's number in its population, for reports
 * @param address the CD's global address: IKE and ESP go there (the gateway answers for it)
 * @param identity the IKE identity the CD's SA must authenticate as (sent as IDr)
 * @param config the UD's side of the IKE SA: its profile (identity, credentials, proposals), its
 *     own address ({@link EngineConfig#cdAddress()} is the local side's), retransmission limits
 */
public record UdTarget(int index, Ipv6Address address, Identity identity, EngineConfig config) {
  public UdTarget {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(config, "config");
  }
}
