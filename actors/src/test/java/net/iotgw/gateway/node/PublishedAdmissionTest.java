package net.iotgw.gateway.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import net.iotgw.protocols.ieee802154.security.LinkKey;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import net.iotgw.streams.esp.EspForwardingTable;
import net.iotgw.streams.lowpan.LinkKeyTable;
import org.junit.jupiter.api.Test;

/** What a Device's admission publishes to the data plane: the link key, and IKE offload. */
class PublishedAdmissionTest {
  static final long WITH_PROFILE = 0x0012_4b00_0a0b_0c0dL;
  static final long WITHOUT_PROFILE = 0x0012_4b00_0a0b_0c0eL;
  /** RFC 4944 §6: the interface identifier is the EUI-64 with the U/L bit inverted. */
  static final Ipv6Address OFFLOADED = Ipv6Address.of("2001:db8:cd::212:4b00:a0b:c0d");
  static final Ipv6Address OWN_IKE = Ipv6Address.of("2001:db8:cd::212:4b00:a0b:c0e");

  private final LinkKeyTable keys = new LinkKeyTable();
  private final EspForwardingTable esp = new EspForwardingTable();
  private final PublishedAdmission admission =
      new PublishedAdmission(keys, esp.ikeOffload(), Set.of(WITH_PROFILE)::contains,
          Ipv6Prefix.of("2001:db8:cd::/64"));

  @Test
  void aCdWithAnIkeProfileIsOffloadedWhileAdmittedOnly() {
    admission.admit(WITH_PROFILE, LinkKey.of(new byte[16]));
    assertTrue(keys.isAdmitted(WITH_PROFILE));
    assertTrue(esp.ikeOffload().isOffloaded(OFFLOADED));
    assertEquals(1, esp.ikeOffload().size());

    admission.revoke(WITH_PROFILE);
    assertFalse(keys.isAdmitted(WITH_PROFILE));
    assertFalse(esp.ikeOffload().isOffloaded(OFFLOADED));
  }

  @Test
  void aCdWithoutAnIkeProfileIsAdmittedButRunsIkeItself() {
    admission.admit(WITHOUT_PROFILE, LinkKey.of(new byte[16]));
    assertTrue(keys.isAdmitted(WITHOUT_PROFILE));
    assertFalse(esp.ikeOffload().isOffloaded(OWN_IKE));
    assertEquals(0, esp.ikeOffload().size());
    admission.revoke(WITHOUT_PROFILE);
    assertEquals(0, keys.size());
  }

  @Test
  void aCdAdmittedWithoutALinkForMeasurementIsOffloadedButHasNoLinkKey() {
    admission.admitWithoutLink(WITH_PROFILE);
    assertFalse(keys.isAdmitted(WITH_PROFILE), "no frame of it may pass the link layer");
    assertTrue(esp.ikeOffload().isOffloaded(OFFLOADED));
    admission.admitWithoutLink(WITHOUT_PROFILE);
    assertFalse(esp.ikeOffload().isOffloaded(OWN_IKE));
    admission.revoke(WITH_PROFILE);
    assertEquals(0, esp.ikeOffload().size());
  }
}
