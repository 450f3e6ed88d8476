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
    out.u16le(h.frameControl().bits());
    h.sequenceNumber().ifPresent(out::u8);
    h.destinationPanId().ifPresent(out::u16le);
    address(out, h.destination());
    h.sourcePanId().ifPresent(out::u16le);
    address(out, h.source());
    h.security().ifPresent(aux -> auxSecurityHeader(out, aux));
    for (HeaderIe ie : h.headerIes()) {
      out.u16le(ie.descriptor());
      out.bytes(ie.content());
    }
  }

  private static void address(WireWriter out, Address a) {
    if (a instanceof Address.Short s) {
      out.u16le(s.value());
    } else if (a instanceof Address.Extended e) {
      out.u64le(e.value());
    }
  }

  private static void auxSecurityHeader(WireWriter out, AuxSecurityHeader aux) {
    out.u8(aux.securityControl());
    aux.frameCounter().ifPresent(out::u32le);
    switch (aux.keyIdMode().keySourceLength()) {
      case 4 -> out.u32le(aux.keySource());
      case 8 -> out.u64le(aux.keySource());
      default -> {}
    }
    if (aux.keyIdMode() != KeyIdMode.IMPLICIT) {
      out.u8(aux.keyIndex());
    }
  }
}
