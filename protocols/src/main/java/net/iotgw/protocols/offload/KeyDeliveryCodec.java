package net.iotgw.protocols.offload;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.EncryptionAlgorithm;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.codec.TrafficSelector;
import net.iotgw.protocols.ike.codec.TsPayload;
import net.iotgw.protocols.ike.crypto.KeyExchanges;
import net.iotgw.protocols.ike.crypto.Prf;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.KeyDelivery;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaCodec;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.DecodeError.Kind;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * The wire form of the gateway's {@link OffloadMessage}s to a constrained device (paper Sec.
 * III-D): one vendor-specific PANA AVP (RFC 5191 §6.3, V flag) per message, carried in the
 * Encryption-Encap AVP of a signed PNR (RFC 6786 §5, {@code PaaEngine.deliver}) whose PNA is the
 * device's acknowledgement.
 *
 * <p>Vendor-Id {@value #VENDOR_ID} is the IANA Private Enterprise Number that RFC 5612 reserves
 * for documentation: the layout is this project's own and registered nowhere, as an example's
 * would be. AVP Code {@value #AVP_CODE} under that vendor. All fields big-endian:
 *
 * <pre>
 * Install (Kind 1): a {@link KeyDelivery}
 *    0  Version = 2                1
 *    1  Kind = 1                   1
 *    2  Secret type                1  1 SKEYSEED, 2 SK_d
 *    3  PRF                        2  IKEv2 transform type 2 ID (RFC 7296 §3.3.2)
 *    5  ESP encryption             2  transform type 1 ID
 *    7  ESP key length             2  bits, the Key Length attribute (256 for ChaCha20-Poly1305)
 *    9  ESP integrity              2  transform type 3 ID; 0 (NONE) with a combined-mode cipher
 *   11  Mode                       1  1 tunnel, 2 transport
 *   12  CD role                    1  1 initiator, 2 responder of the exchange that made the SA
 *   13  Flags                      1  0x01 UDP encapsulation on the UD's side (RFC 3948); others 0
 *   14  IKE SPIi                   8
 *   22  IKE SPIr                   8
 *   30  CD inbound ESP SPI         4  the SA carrying traffic to the CD
 *   34  CD outbound ESP SPI        4  the SA carrying traffic from the CD
 *   38  Lifetime                   4  hard lifetime in seconds, rounded up
 *   42  UD address                16  IPv6; IPv4 as IPv4-mapped (RFC 4291 §2.5.5.2)
 *   58  UD port                    2
 *   60  Secret length S            1  the PRF's output length
 *   61  Secret                     S
 *   61+S IKE Ni length, IKE Ni    2+n  16..256 octets (RFC 7296 §2.10): the nonces of the
 *       IKE Nr length, IKE Nr    2+n  exchange that keyed the IKE SA, for SK_d from SKEYSEED
 *                                     (§2.14; IKE_SA_INIT's, or the IKE SA rekey's, §2.18)
 *       Ni length, Ni            2+n  16..256 octets: the nonces of the exchange that made the
 *       Nr length, Nr            2+n  CHILD_SA (IKE_AUTH: the IKE ones again; §2.17)
 *       g^ir length G, g^ir      2+G  the CHILD_SA's own Diffie-Hellman secret (PFS, §2.17):
 *                                     G = 0 without; else g^ir of a group this project
 *                                     implements (32 X25519 or ECP-256, 48 ECP-384, 256 MODP)
 *       CD selectors                  the body of a TS payload (RFC 7296 §3.13.1): Number of
 *                                     TSs (1..255), 3 reserved, the selectors
 *       Peer selectors                the same
 *
 * Removal (Kind 2): forget an SA pair
 *    0  Version = 2, 1 Kind = 2, 2 CD inbound ESP SPI (4)      6 octets
 * </pre>
 *
 * <p>Version 1 had one pair of nonces and no g^ir, so a CD could not derive a rekeyed CHILD_SA's
 * keys from it; it is refused (UNSUPPORTED) rather than read as a first CHILD_SA, since a gateway
 * sending it may mean a rekeyed one. The IKE nonces travel in SK_d mode too, where the CD does not
 * need them: they are public (IKE_SA_INIT sends them in clear), and one layout keeps the decoder
 * simple.
 *
 * <p>The decoder is total: a foreign AVP, another Version or Kind, a transform this project does
 * not implement (UNSUPPORTED), an out-of-range value (INVALID_SYNTAX), a wrong or overlong length
 * or trailing octets (BAD_LENGTH, TRUNCATED) give {@link Decoded.Failed}; lengths are checked
 * against the input before anything is allocated. A new layout takes a new Version rather than a
 * flag. The encoder throws {@link IllegalArgumentException} for a delivery the decoder would
 * refuse, so that the gateway learns of it before anything reaches the air.
 *
 * <p>Secrets: the copies made here are zeroed; the AVP keeps one (its value), which the caller
 * drops once it is sealed into Encryption-Encap.
 */
public final class KeyDeliveryCodec {
  /** RFC 5612: the Private Enterprise Number reserved for documentation. */
  public static final long VENDOR_ID = 32473;

  public static final int AVP_CODE = 1;
  public static final int VERSION = 2;
  /** Octets of an Install before the secret's length octet. */
  public static final int INSTALL_FIXED_LENGTH = 60;

  public static final int REMOVAL_LENGTH = 6;

  static final int KIND_INSTALL = 1;
  static final int KIND_REMOVAL = 2;
  private static final int FLAG_UDP_ENCAPSULATION = 0x01;
  private static final int MIN_NONCE = 16;
  private static final int MAX_NONCE = 256;
  /** The lengths g^ir may have: those of the groups implemented (KeyExchanges), besides 0. */
  private static final Set<Integer> PFS_LENGTHS = Arrays.stream(DhGroup.values())
      .filter(g -> g != DhGroup.NONE)
      .map(KeyExchanges::sharedSecretLength)
      .collect(Collectors.toUnmodifiableSet());
  /** RFC 5191 §6.3: AVP Length, 16 bits, counts the value only. */
  private static final int MAX_VALUE = 0xffff;

  private KeyDeliveryCodec() {}

  /**
   * The Install AVP for {@code d}.
   *
   * @throws IllegalArgumentException for a delivery the decoder would refuse: a secret not of the
   *     PRF's output length, a nonce outside 16..256 octets, a g^ir of no implemented group's
   *     length, an ESP SPI of 0, a lifetime of 0, an unresolved peer address, no selector (or more
   *     than 255) on a side
   */
  public static Avp.Unknown encode(KeyDelivery d) {
    byte[] secret = d.secret();
    byte[] pfs = d.pfsSecret();
    byte[] value = null;
    try {
      requireEncodable(d, secret.length, pfs.length);
      byte[] ikeNi = d.ikeNi();
      byte[] ikeNr = d.ikeNr();
      byte[] ni = d.ni();
      byte[] nr = d.nr();
      PacketProtection esp = d.esp();
      WireWriter w = new WireWriter(INSTALL_FIXED_LENGTH + 1 + secret.length + 10 + ikeNi.length
          + ikeNr.length + ni.length + nr.length + pfs.length
          + 8 + 40 * (d.cdSelectors().size() + d.peerSelectors().size()));
      w.u8(VERSION).u8(KIND_INSTALL)
          .u8(d.mode() == EngineConfig.KeyDeliveryMode.SKEYSEED ? 1 : 2)
          .u16(d.prf().id())
          .u16(esp.encryption().id()).u16(esp.keyBits()).u16(esp.integrity().id())
          .u8(d.childMode() == ChildSa.Mode.TUNNEL ? 1 : 2)
          .u8(d.cdRole() == Role.INITIATOR ? 1 : 2)
          .u8(d.udpEncapsulation() ? FLAG_UDP_ENCAPSULATION : 0)
          .u64(d.spiI()).u64(d.spiR())
          .u32(d.cdInboundSpi() & 0xffff_ffffL).u32(d.cdOutboundSpi() & 0xffff_ffffL)
          .u32(lifetimeSeconds(d.lifetimeMillis()))
          .bytes(address16(d.peer().getAddress())).u16(d.peer().getPort())
          .u8(secret.length);
      // The secrets go straight into the final array, never into the writer's growable buffer.
      int secretAt = w.position();
      w.zeros(secret.length);
      w.u16(ikeNi.length).bytes(ikeNi).u16(ikeNr.length).bytes(ikeNr);
      w.u16(ni.length).bytes(ni).u16(nr.length).bytes(nr);
      w.u16(pfs.length);
      int pfsAt = w.position();
      w.zeros(pfs.length);
      new TsPayload(Role.RESPONDER, d.cdSelectors()).writeBody(w);
      new TsPayload(Role.INITIATOR, d.peerSelectors()).writeBody(w);
      value = w.toByteArray();
      if (value.length > MAX_VALUE) {
        throw new IllegalArgumentException("delivery of " + value.length + " octets: no AVP holds it");
      }
      System.arraycopy(secret, 0, value, secretAt, secret.length);
      System.arraycopy(pfs, 0, value, pfsAt, pfs.length);
      return new Avp.Unknown(AVP_CODE, PanaCodec.AVP_FLAG_V, VENDOR_ID, value);
    } finally {
      Arrays.fill(secret, (byte) 0);
      Arrays.fill(pfs, (byte) 0);
      if (value != null) {
        Arrays.fill(value, (byte) 0);
      }
    }
  }

  /**
   * The Removal AVP for the SA pair whose inbound SPI is {@code cdInboundSpi}.
   *
   * @throws IllegalArgumentException for SPI 0, which no SA has (RFC 4303 §2.1)
   */
  public static Avp.Unknown removal(int cdInboundSpi) {
    if (cdInboundSpi == 0) {
      throw new IllegalArgumentException("SPI 0 names no SA (RFC 4303 §2.1)");
    }
    byte[] value = new WireWriter(REMOVAL_LENGTH).u8(VERSION).u8(KIND_REMOVAL)
        .u32(cdInboundSpi & 0xffff_ffffL).toByteArray();
    return new Avp.Unknown(AVP_CODE, PanaCodec.AVP_FLAG_V, VENDOR_ID, value);
  }

  /** Whether {@code avp} is this format's: V flag, Vendor-Id {@value #VENDOR_ID}, our code. */
  public static boolean isOffload(Avp avp) {
    return avp instanceof Avp.Unknown u
        && u.isVendorSpecific()
        && u.vendorId() == VENDOR_ID
        && u.code() == AVP_CODE;
  }

  /** Either message; never throws. Another vendor's AVP (or a non-vendor one) is UNSUPPORTED. */
  public static Decoded<OffloadMessage> decodeMessage(Avp avp) {
    if (!isOffload(avp)) {
      return Decoded.failed(new DecodeError(Kind.UNSUPPORTED, 0,
          "not the offload AVP (vendor " + VENDOR_ID + ", code " + AVP_CODE + ")", avp.code()));
    }
    byte[] value = ((Avp.Unknown) avp).value();
    try {
      return Decoded.ok(read(new WireReader(value)));
    } catch (Malformed m) {
      return Decoded.failed(m.error());
    } finally {
      Arrays.fill(value, (byte) 0);
    }
  }

  /** An Install's delivery; a Removal is UNSUPPORTED here (see {@link #decodeMessage}). */
  public static Decoded<KeyDelivery> decode(Avp avp) {
    Decoded<OffloadMessage> m = decodeMessage(avp);
    if (m instanceof Decoded.Ok<OffloadMessage> ok) {
      if (ok.value() instanceof OffloadMessage.Install i) {
        return Decoded.ok(i.delivery());
      }
      return Decoded.failed(
          new DecodeError(Kind.UNSUPPORTED, 1, "a removal, not a key delivery", KIND_REMOVAL));
    }
    return Decoded.failed(((Decoded.Failed<OffloadMessage>) m).error());
  }

  private static OffloadMessage read(WireReader r) throws Malformed {
    int version = r.u8("version");
    if (version != VERSION) {
      throw new Malformed(new DecodeError(Kind.UNSUPPORTED, 0, "version " + version, version));
    }
    int kind = r.u8("kind");
    return switch (kind) {
      case KIND_INSTALL -> new OffloadMessage.Install(install(r));
      case KIND_REMOVAL -> new OffloadMessage.Removal(removal(r));
      default -> throw new Malformed(new DecodeError(Kind.UNSUPPORTED, 1, "kind " + kind, kind));
    };
  }

  private static int removal(WireReader r) throws Malformed {
    int spi = spi(r, "CD inbound ESP SPI");
    end(r);
    return spi;
  }

  private static KeyDelivery install(WireReader r) throws Malformed {
    int at = r.position();
    EngineConfig.KeyDeliveryMode mode = switch (r.u8("secret type")) {
      case 1 -> EngineConfig.KeyDeliveryMode.SKEYSEED;
      case 2 -> EngineConfig.KeyDeliveryMode.SK_D;
      default -> throw invalid(at, "secret type");
    };
    int prfAt = r.position();
    int prfId = r.u16("PRF");
    PrfAlgorithm prf = PrfAlgorithm.of(prfId).orElseThrow(() -> unsupported(prfAt, "PRF", prfId));
    PacketProtection esp = protection(r);
    at = r.position();
    ChildSa.Mode childMode = switch (r.u8("mode")) {
      case 1 -> ChildSa.Mode.TUNNEL;
      case 2 -> ChildSa.Mode.TRANSPORT;
      default -> throw invalid(at, "mode");
    };
    at = r.position();
    Role role = switch (r.u8("CD role")) {
      case 1 -> Role.INITIATOR;
      case 2 -> Role.RESPONDER;
      default -> throw invalid(at, "CD role");
    };
    at = r.position();
    int flags = r.u8("flags");
    if ((flags & ~FLAG_UDP_ENCAPSULATION) != 0) {
      throw invalid(at, "reserved flags");
    }
    long spiI = r.u64("IKE SPIi");
    long spiR = r.u64("IKE SPIr");
    int inbound = spi(r, "CD inbound ESP SPI");
    int outbound = spi(r, "CD outbound ESP SPI");
    at = r.position();
    long lifetimeSeconds = r.u32("lifetime");
    if (lifetimeSeconds == 0) {
      throw invalid(at, "lifetime 0");
    }
    InetSocketAddress peer = new InetSocketAddress(inetAddress(r.bytes(16, "UD address")),
        r.u16("UD port"));
    at = r.position();
    int secretLength = r.u8("secret length");
    if (secretLength != Prf.of(prf).outputLength()) {
      throw new Malformed(Kind.BAD_LENGTH, at, "secret of " + secretLength + " octets for " + prf);
    }
    byte[] secret = r.bytes(secretLength, "secret");
    byte[] pfs = new byte[0];
    try {
      byte[] ikeNi = nonce(r, "IKE Ni");
      byte[] ikeNr = nonce(r, "IKE Nr");
      byte[] ni = nonce(r, "Ni");
      byte[] nr = nonce(r, "Nr");
      pfs = pfsSecret(r);
      List<TrafficSelector> cd = selectors(r, Role.RESPONDER, "CD selectors");
      List<TrafficSelector> peerSelectors = selectors(r, Role.INITIATOR, "peer selectors");
      end(r);
      // The record keeps its own copy of g^ir (not of the secret): this one is zeroed below.
      return new KeyDelivery(mode, secret, prf, ikeNi, ikeNr, spiI, spiR, ni, nr, pfs, esp,
          childMode, inbound, outbound, cd, peerSelectors, role, peer, flags != 0,
          lifetimeSeconds * 1000);
    } catch (Malformed m) {
      Arrays.fill(secret, (byte) 0);
      throw m;
    } finally {
      Arrays.fill(pfs, (byte) 0);
    }
  }

  /** g^ir of the CHILD_SA's own exchange (RFC 7296 §2.17), empty without PFS. */
  private static byte[] pfsSecret(WireReader r) throws Malformed {
    int at = r.position();
    int length = r.u16("g^ir length");
    if (length != 0 && !PFS_LENGTHS.contains(length)) {
      throw new Malformed(Kind.BAD_LENGTH, at, "g^ir of " + length + " octets, no group's");
    }
    return r.bytes(length, "g^ir");
  }

  private static PacketProtection protection(WireReader r) throws Malformed {
    int at = r.position();
    int encrId = r.u16("ESP encryption");
    int keyBits = r.u16("ESP key length");
    int integId = r.u16("ESP integrity");
    EncryptionAlgorithm encr =
        EncryptionAlgorithm.of(encrId).orElseThrow(() -> unsupported(at, "ESP encryption", encrId));
    IntegrityAlgorithm integ = IntegrityAlgorithm.of(integId)
        .orElseThrow(() -> unsupported(at + 4, "ESP integrity", integId));
    return PacketProtection.of(encr, keyBits, integ).orElseThrow(() -> unsupported(at,
        "ESP " + encr + "/" + keyBits + "+" + integ, encrId));
  }

  private static int spi(WireReader r, String what) throws Malformed {
    int at = r.position();
    int spi = (int) r.u32(what);
    if (spi == 0) {
      throw invalid(at, what + " 0");
    }
    return spi;
  }

  private static byte[] nonce(WireReader r, String what) throws Malformed {
    int at = r.position();
    int length = r.u16(what + " length");
    if (length < MIN_NONCE || length > MAX_NONCE) {
      throw new Malformed(Kind.BAD_LENGTH, at, what + " of " + length + " octets, not 16..256");
    }
    return r.bytes(length, what);
  }

  private static List<TrafficSelector> selectors(WireReader r, Role role, String what)
      throws Malformed {
    int at = r.position();
    List<TrafficSelector> selectors = TsPayload.read(role, r).selectors();
    if (selectors.isEmpty()) {
      throw invalid(at, "no " + what);
    }
    return selectors;
  }

  private static void end(WireReader r) throws Malformed {
    if (r.hasRemaining()) {
      throw new Malformed(Kind.BAD_LENGTH, r.position(), r.remaining() + " trailing octets");
    }
  }

  static InetAddress inetAddress(byte[] sixteen) throws Malformed {
    try {
      // An IPv4-mapped address comes back as the Inet4Address it was encoded from.
      return InetAddress.getByAddress(sixteen);
    } catch (UnknownHostException e) {
      throw new Malformed(Kind.INVALID_SYNTAX, 42, "UD address");
    }
  }

  static byte[] address16(InetAddress a) {
    if (a instanceof Inet4Address) {
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xff;
      mapped[11] = (byte) 0xff;
      System.arraycopy(a.getAddress(), 0, mapped, 12, 4);
      return mapped;
    }
    return a.getAddress();
  }

  /** RFC 7296 has no lifetime on the wire; the CD's clock runs from receipt, in whole seconds. */
  static long lifetimeSeconds(long millis) {
    return Math.min(0xffff_ffffL, millis / 1000 + (millis % 1000 == 0 ? 0 : 1));
  }

  private static void requireEncodable(KeyDelivery d, int secretLength, int pfsLength) {
    if (d.mode() == null || d.prf() == null || d.childMode() == null || d.cdRole() == null
        || d.esp() == null) {
      throw new IllegalArgumentException("secret type, PRF, mode, role and ESP transform needed");
    }
    int prfLength = Prf.of(d.prf()).outputLength();
    if (secretLength != prfLength) {
      throw new IllegalArgumentException(
          "secret of " + secretLength + " octets, " + d.prf() + " gives " + prfLength);
    }
    for (byte[] n : new byte[][] {d.ikeNi(), d.ikeNr(), d.ni(), d.nr()}) {
      if (n.length < MIN_NONCE || n.length > MAX_NONCE) {
        throw new IllegalArgumentException("nonce of " + n.length + " octets, not 16..256");
      }
    }
    if (pfsLength != 0 && !PFS_LENGTHS.contains(pfsLength)) {
      throw new IllegalArgumentException("g^ir of " + pfsLength + " octets: no implemented group's");
    }
    if (d.cdInboundSpi() == 0 || d.cdOutboundSpi() == 0) {
      throw new IllegalArgumentException("ESP SPI 0 (RFC 4303 §2.1)");
    }
    if (d.lifetimeMillis() <= 0) {
      throw new IllegalArgumentException("lifetime " + d.lifetimeMillis() + " ms");
    }
    if (d.peer() == null || d.peer().getAddress() == null) {
      throw new IllegalArgumentException("the UD's address is unresolved: " + d.peer());
    }
    if (d.cdSelectors().isEmpty() || d.peerSelectors().isEmpty()) {
      throw new IllegalArgumentException("a side without traffic selectors");
    }
  }

  private static Malformed invalid(int at, String what) {
    return new Malformed(Kind.INVALID_SYNTAX, at, what);
  }

  private static Malformed unsupported(int at, String what, int id) {
    return new Malformed(new DecodeError(Kind.UNSUPPORTED, at, what + " " + id, id));
  }
}
