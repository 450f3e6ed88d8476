package net.iotgw.protocols.ieee802154;

import net.iotgw.protocols.wire.WireWriter;

/**
 * Writes a MAC header in the order of 802.15.4-2015 §7.2, every multi-octet field least significant
 * octet first. The mirror of {@link MacHeaderReader}; the {@link MacHeader} it gets is already
 * consistent, so it decides nothing.
 */
final class MacHeaderWriter {
  private MacHeaderWriter() {}

  static void write(MacHeader h, WireWriter out) {
    u16(out, h.frameControl().bits());
    h.sequenceNumber().ifPresent(out::u8);
    h.destinationPanId().ifPresent(p -> u16(out, p));
    address(out, h.destination());
    h.sourcePanId().ifPresent(p -> u16(out, p));
    address(out, h.source());
    h.security().ifPresent(aux -> auxSecurityHeader(out, aux));
    for (HeaderIe ie : h.headerIes()) {
      u16(out, ie.descriptor());
      out.bytes(ie.content());
    }
  }

  private static void address(WireWriter out, Address a) {
    if (a instanceof Address.Short s) {
      u16(out, s.value());
    } else if (a instanceof Address.Extended e) {
      littleEndian(out, e.value(), 8);
    }
  }

  private static void auxSecurityHeader(WireWriter out, AuxSecurityHeader aux) {
    out.u8(aux.securityControl());
    aux.frameCounter().ifPresent(c -> littleEndian(out, c, 4));
    littleEndian(out, aux.keySource(), aux.keyIdMode().keySourceLength());
    if (aux.keyIdMode() != KeyIdMode.IMPLICIT) {
      out.u8(aux.keyIndex());
    }
  }

  private static void u16(WireWriter out, int v) {
    littleEndian(out, v, 2);
  }

  private static void littleEndian(WireWriter out, long v, int octets) {
    for (int i = 0; i < octets; i++) {
      out.u8((int) (v >>> (8 * i)));
    }
  }
}
