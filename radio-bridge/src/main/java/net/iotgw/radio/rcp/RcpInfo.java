package net.iotgw.radio.rcp;

import java.util.List;
import net.iotgw.radio.spinel.SpinelCapability;

/**
 * What the RCP said about itself during bring-up.
 *
 * @param resetReason the Spinel status of the reset that preceded it (RESET_POWER_ON,
 *     RESET_SOFTWARE, ...)
 * @param capabilities every SPINEL_CAP_* number it listed
 */
public record RcpInfo(
    int resetReason,
    int protocolMajor,
    int protocolMinor,
    String ncpVersion,
    List<Integer> capabilities) {

  public RcpInfo {
    capabilities = List.copyOf(capabilities);
  }

  static RcpInfo afterReset(int resetReason) {
    return new RcpInfo(resetReason, 0, 0, "", List.of());
  }

  RcpInfo withProtocol(int major, int minor) {
    return new RcpInfo(resetReason, major, minor, ncpVersion, capabilities);
  }

  RcpInfo withNcpVersion(String version) {
    return new RcpInfo(resetReason, protocolMajor, protocolMinor, version, capabilities);
  }

  RcpInfo withCapabilities(List<Integer> caps) {
    return new RcpInfo(resetReason, protocolMajor, protocolMinor, ncpVersion, caps);
  }

  public boolean has(SpinelCapability capability) {
    return capabilities.contains(capability.id());
  }
}
