package net.iotgw.protocols.ieee802154;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.DecodeError.Kind;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;

/**
 * Reads a MAC header, field by field in the order of 802.15.4-2015 §7.2, checking before each field
 * that the frame control field allows it. Every bit is either kept in the {@link MacHeader} or
 * refused (reserved bits, reserved modes), so that re-encoding a decoded header yields the octets
 * received: the MIC is computed over those octets. The mirror of {@link MacHeaderWriter}.
 */
final class MacHeaderReader {
  private static final int ASN_IN_NONCE = 0x40;
  private static final int SECURITY_CONTROL_RESERVED = 0x80;
  private static final int PAYLOAD_IE_TYPE = 0x8000;

  private MacHeaderReader() {}

  static MacHeader read(WireReader r) throws Malformed {
    int fcf = r.u16le("frame control");
    int typeId = fcf & 0x7;
    FrameType type =
        FrameType.of(typeId)
            .orElseThrow(() -> fail(Kind.UNSUPPORTED, 0, "frame type " + typeId, typeId));
    int versionId = (fcf >>> 12) & 0x3;
    FrameVersion version =
        FrameVersion.of(versionId)
            .orElseThrow(() -> fail(Kind.UNSUPPORTED, 1, "reserved frame version 3", versionId));
    if ((fcf & FrameControl.RESERVED) != 0) {
      throw fail(Kind.INVALID_SYNTAX, 0, "reserved frame control bit 7 set", -1);
    }
    int newBits = FrameControl.SEQUENCE_NUMBER_SUPPRESSION | FrameControl.IE_PRESENT;
    if (version != FrameVersion.IEEE_2015 && (fcf & newBits) != 0) {
      throw fail(Kind.INVALID_SYNTAX, 1, "frame control bits 8-9 are reserved in " + version, -1);
    }
    AddressMode dstMode = addressMode((fcf >>> 10) & 0x3);
    AddressMode srcMode = addressMode((fcf >>> 14) & 0x3);
    boolean secured = (fcf & FrameControl.SECURITY_ENABLED) != 0;
    if (secured && version == FrameVersion.IEEE_2003) {
      throw fail(Kind.UNSUPPORTED, 0, "802.15.4-2003 security", -1);
    }
    FrameControl fc =
        new FrameControl(
            type,
            secured,
            (fcf & FrameControl.FRAME_PENDING) != 0,
            (fcf & FrameControl.ACK_REQUEST) != 0,
            (fcf & FrameControl.PAN_ID_COMPRESSION) != 0,
            (fcf & FrameControl.SEQUENCE_NUMBER_SUPPRESSION) != 0,
            (fcf & FrameControl.IE_PRESENT) != 0,
            dstMode,
            version,
            srcMode);

    OptionalInt seq =
        fc.sequenceNumberSuppression()
            ? OptionalInt.empty()
            : OptionalInt.of(r.u8("sequence number"));
    PanIdCompression.Presence presence =
        PanIdCompression.presence(version, dstMode, srcMode, fc.panIdCompression())
            .orElseThrow(
                () ->
                    fail(
                        Kind.INVALID_SYNTAX,
                        0,
                        "PAN ID compression without both addresses in " + version,
                        -1));
    OptionalInt dstPan =
        presence.destinationPanId()
            ? OptionalInt.of(r.u16le("destination PAN ID"))
            : OptionalInt.empty();
    Address dst = address(r, dstMode, "destination address");
    OptionalInt srcPan =
        presence.sourcePanId() ? OptionalInt.of(r.u16le("source PAN ID")) : OptionalInt.empty();
    Address src = address(r, srcMode, "source address");
    Optional<AuxSecurityHeader> security =
        secured ? Optional.of(auxSecurityHeader(r, version)) : Optional.empty();
    List<HeaderIe> ies = fc.iePresent() ? headerIes(r) : List.of();
    return new MacHeader(fc, seq, dstPan, dst, srcPan, src, security, ies);
  }

  private static AddressMode addressMode(int id) throws Malformed {
    Optional<AddressMode> mode = AddressMode.of(id);
    if (mode.isEmpty()) {
      throw fail(Kind.INVALID_SYNTAX, 1, "reserved addressing mode " + id, id);
    }
    return mode.get();
  }

  private static Address address(WireReader r, AddressMode mode, String what) throws Malformed {
    return switch (mode) {
      case NONE -> Address.NONE;
      case SHORT -> new Address.Short(r.u16le(what));
      case EXTENDED -> new Address.Extended(r.u64le(what));
    };
  }

  /** 802.15.4-2015 §9.4; bits 5-7 of security control are reserved in 2006. */
  private static AuxSecurityHeader auxSecurityHeader(WireReader r, FrameVersion version)
      throws Malformed {
    int at = r.position();
    int sc = r.u8("security control");
    int reserved =
        version == FrameVersion.IEEE_2015
            ? SECURITY_CONTROL_RESERVED | ASN_IN_NONCE
            : SECURITY_CONTROL_RESERVED
                | ASN_IN_NONCE
                | AuxSecurityHeader.FRAME_COUNTER_SUPPRESSION;
    if ((sc & ASN_IN_NONCE) != 0 && version == FrameVersion.IEEE_2015) {
      throw fail(Kind.UNSUPPORTED, at, "ASN in nonce (TSCH)", sc);
    }
    if ((sc & reserved) != 0) {
      throw fail(Kind.INVALID_SYNTAX, at, "reserved security control bits set", sc);
    }
    SecurityLevel level = SecurityLevel.of(sc & 0x7).orElseThrow();
    KeyIdMode mode = KeyIdMode.of((sc >>> 3) & 0x3).orElseThrow();
    OptionalLong counter =
        (sc & AuxSecurityHeader.FRAME_COUNTER_SUPPRESSION) != 0
            ? OptionalLong.empty()
            : OptionalLong.of(r.u32le("frame counter"));
    long keySource =
        switch (mode.keySourceLength()) {
          case 4 -> r.u32le("key source");
          case 8 -> r.u64le("key source");
          default -> 0;
        };
    int keyIndex = mode == KeyIdMode.IMPLICIT ? 0 : r.u8("key index");
    return new AuxSecurityHeader(level, mode, counter, keySource, keyIndex);
  }

  /**
   * Header IEs up to and including a header termination IE, or to the end of the frame (§7.4.1: a
   * termination IE is only needed when something follows).
   */
  private static List<HeaderIe> headerIes(WireReader r) throws Malformed {
    List<HeaderIe> ies = new ArrayList<>();
    while (r.hasRemaining()) {
      int at = r.position();
      int descriptor = r.u16le("header IE descriptor");
      if ((descriptor & PAYLOAD_IE_TYPE) != 0) {
        throw fail(Kind.INVALID_SYNTAX, at, "payload IE where a header IE must be", descriptor);
      }
      int elementId = (descriptor >>> 7) & 0xff;
      int length = descriptor & HeaderIe.MAX_CONTENT_LENGTH;
      boolean termination = elementId == HeaderIe.HT1 || elementId == HeaderIe.HT2;
      if (termination && length != 0) {
        throw fail(Kind.BAD_LENGTH, at, "header termination IE with content", length);
      }
      ies.add(new HeaderIe(elementId, r.bytes(length, "header IE content")));
      if (termination) {
        break;
      }
    }
    return ies;
  }

  private static Malformed fail(Kind kind, int offset, String detail, int code) {
    return new Malformed(new DecodeError(kind, offset, detail, code));
  }
}
