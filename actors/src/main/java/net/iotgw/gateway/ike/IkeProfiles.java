package net.iotgw.gateway.ike;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.iotgw.gateway.aaa.Eui64Text;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.EncryptionAlgorithm;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.engine.Credentials;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.ike.engine.Profile;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Prefix;

/**
 * The CDs' IKE profiles, from the {@code ike} block of their device-store entries:
 *
 * <pre>
 *   { identity = "cd1@iot.example", psk = "...", eui64 = "02:00:00:00:00:00:01:01",
 *     ike { id = "cd1@example.org", psk = "0123456789abcdef0123456789abcdef",
 *           peers = [ "ud@example.org" ], transport = false } }
 * </pre>
 *
 * {@code id} is the identity the gateway presents as the CD (RFC 822 if it holds an @, an IPv6
 * address if it parses as one, else an FQDN); {@code psk} the IKE pre-shared key shared with the
 * peers, as text (its UTF-8 octets, as strongSwan's {@code secret}) or {@code 0x} and hex;
 * {@code peers} the identities allowed to reach the CD (its authorization policy); {@code
 * transport} whether USE_TRANSPORT_MODE is honoured; {@code child-sa-pfs} (default false) whether a
 * CHILD_SA made by CREATE_CHILD_SA must have PFS, a KE of one of the gateway's groups (RFC 7296
 * §1.3.1, §2.17; the IKE_AUTH one takes its keys from the IKE SA), a request without being refused
 * with NO_PROPOSAL_CHOSEN. {@code max-child-sas} (default: the gateway's {@code
 * iotgw.ike.max-child-sas-per-ike-sa}, at least 1) the most CHILD_SAs one IKE SA may hold for the
 * CD at once, the IKE_AUTH one included: each costs a key delivery over the radio and an SA in the
 * CD's RAM, so a CD with room for more may say so; one more is answered NO_ADDITIONAL_SAS (RFC 7296
 * §1.3), a rekey is not counted. For RFC 7427 signatures instead of (or beside)
 * the PSK: {@code certificate} and {@code key} (PEM files, ECDSA P-256 or Ed25519) and {@code ca},
 * the trust anchor of the peers' certificates; paths relative to the device store. An entry with {@code ike} needs an {@code
 * eui64}: the CD's address is the CD prefix and its interface identifier.
 *
 * <p>The proposals are the gateway's, one set for every CD, strongest first as strongSwan orders
 * its defaults: AES-GCM-16 (128, 256), ChaCha20-Poly1305, AES-CBC-256 with HMAC-SHA2-256, over
 * PRF HMAC-SHA2-256/384 and X25519, ECP-256, ECP-384, MODP-2048; ESP likewise plus AES-CCM-8.
 */
public final class IkeProfiles {
  public static final PacketProtection AES_CBC_256_SHA256 = new PacketProtection(
      EncryptionAlgorithm.ENCR_AES_CBC, 256, IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128);

  public static final List<Profile.IkeProposal> IKE_PROPOSALS = List.of(
      new Profile.IkeProposal(PacketProtection.AES_GCM_16_128, PrfAlgorithm.PRF_HMAC_SHA2_256),
      new Profile.IkeProposal(PacketProtection.AES_GCM_16_256, PrfAlgorithm.PRF_HMAC_SHA2_384),
      new Profile.IkeProposal(PacketProtection.CHACHA20_POLY1305, PrfAlgorithm.PRF_HMAC_SHA2_256),
      new Profile.IkeProposal(AES_CBC_256_SHA256,
          PrfAlgorithm.PRF_HMAC_SHA2_256));

  public static final List<DhGroup> GROUPS =
      List.of(DhGroup.CURVE25519, DhGroup.ECP_256, DhGroup.ECP_384, DhGroup.MODP_2048);

  public static final List<PacketProtection> ESP_PROPOSALS = List.of(
      PacketProtection.AES_GCM_16_128, PacketProtection.AES_GCM_16_256,
      PacketProtection.CHACHA20_POLY1305, PacketProtection.AES_CCM_8_128,
      AES_CBC_256_SHA256);

  private IkeProfiles() {}

  /** The most CHILD_SAs per IKE SA a CD's {@code max-child-sas} may ask for: a sanity bound. */
  public static final int MAX_CHILD_SAS_LIMIT = 1 << 16;

  /** With {@link Profile#DEFAULT_MAX_CHILD_SAS}, reference.conf's default, for CDs that set none. */
  public static Map<Long, EngineConfig> load(Path deviceStore, Ipv6Prefix cdPrefix,
      boolean debugKeys, EngineConfig.KeyDeliveryMode keyDelivery) {
    return load(deviceStore, cdPrefix, debugKeys, keyDelivery, Profile.DEFAULT_MAX_CHILD_SAS);
  }

  /**
   * @param debugKeys whether the engine reports SA keys for Wireshark (test runs only)
   * @param keyDelivery SKEYSEED (the paper's) or SK_d (least privilege) to the CD
   * @param maxChildSas the bound on CHILD_SAs per IKE SA of a CD whose entry sets none ({@code
   *     iotgw.ike.max-child-sas-per-ike-sa})
   * @throws ConfigException naming the entry and key of anything wrong
   */
  public static Map<Long, EngineConfig> load(Path deviceStore, Ipv6Prefix cdPrefix,
      boolean debugKeys, EngineConfig.KeyDeliveryMode keyDelivery, int maxChildSas) {
    if (maxChildSas < 1 || maxChildSas > MAX_CHILD_SAS_LIMIT) {
      throw new IllegalArgumentException("max CHILD_SAs per IKE SA " + maxChildSas
          + " is outside 1.." + MAX_CHILD_SAS_LIMIT);
    }
    if (!java.nio.file.Files.exists(deviceStore)) {
      return Map.of(); // no store, no CD answered for: IKE to CDs goes unanswered
    }
    Config root = ConfigFactory.parseFile(deviceStore.toFile(),
        ConfigParseOptions.defaults().setAllowMissing(false));
    List<? extends Config> entries = root.getConfigList("devices");
    Map<Long, EngineConfig> out = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      Config e = entries.get(i);
      if (!e.hasPath("ike")) {
        continue;
      }
      String at = "devices[" + i + "].";
      if (!e.hasPath("eui64")) {
        throw new ConfigException.BadValue(e.origin(), at + "eui64",
            "an entry with an ike profile needs the CD's EUI-64");
      }
      long eui64 = eui64(e, at);
      Config ike = e.getConfig("ike");
      Path base = deviceStore.toAbsolutePath().getParent();
      boolean certificate = ike.hasPath("certificate");
      Optional<Credentials.PreSharedKey> psk =
          ike.hasPath("psk") ? Optional.of(psk(ike, at)) : Optional.empty();
      if (!certificate && psk.isEmpty()) {
        throw new ConfigException.BadValue(ike.origin(), at + "ike",
            "needs a psk, or a certificate with its key and the peers' ca");
      }
      Profile profile = new Profile(
          identity(ike.getString("id")),
          certificate ? certificate(ike, at, base) : psk.get(),
          IKE_PROPOSALS, GROUPS, ESP_PROPOSALS,
          ike.hasPath("transport") && ike.getBoolean("transport"),
          ike.getStringList("peers").stream().map(IkeProfiles::identity).toList(),
          psk,
          certificate ? List.of(certificateHolder(ike, at, base, "ca")) : List.of(),
          ike.hasPath("child-sa-pfs") && ike.getBoolean("child-sa-pfs"),
          ike.hasPath("max-child-sas") ? maxChildSas(ike, at) : maxChildSas);
      Ipv6Address cd = Ipv6Address.of(cdPrefix.address(), eui64 ^ 0x0200_0000_0000_0000L);
      EngineConfig defaults = EngineConfig.of(profile, inet(cd));
      out.put(eui64, new EngineConfig(defaults.profile(), defaults.cdAddress(), defaults.limits(),
          defaults.natTraversal(), keyDelivery, defaults.ikePort(),
          defaults.natTPort(), debugKeys));
    }
    return out;
  }

  static Identity identity(String text) {
    if (text.contains("@")) {
      return Identity.rfc822(text);
    }
    return Ipv6Address.parse(text).map(a -> Identity.ipv6(a.bytes()))
        .orElseGet(() -> Identity.fqdn(text));
  }

  private static int maxChildSas(Config ike, String at) {
    String key = at + "ike.max-child-sas";
    int v;
    try {
      v = ike.getInt("max-child-sas");
    } catch (ConfigException.WrongType e) {
      throw new ConfigException.BadValue(ike.origin(), key,
          "a whole number of CHILD_SAs, not " + ike.getValue("max-child-sas").render());
    }
    if (v < 1 || v > MAX_CHILD_SAS_LIMIT) {
      throw new ConfigException.BadValue(ike.origin(), key, v + " is outside 1.."
          + MAX_CHILD_SAS_LIMIT + ": an IKE SA needs at least its IKE_AUTH CHILD_SA");
    }
    return v;
  }

  private static Credentials.PreSharedKey psk(Config ike, String at) {
    String text = ike.getString("psk");
    byte[] key = text.startsWith("0x")
        ? HexFormat.of().parseHex(text.substring(2))
        : text.getBytes(StandardCharsets.UTF_8);
    if (key.length < 16) {
      throw new ConfigException.BadValue(ike.origin(), at + "ike.psk",
          "at least 16 octets (RFC 7296 §2.15 wants a key as strong as the PRF)");
    }
    return new Credentials.PreSharedKey(key);
  }

  /** RFC 7427 credentials: {@code certificate} (PEM), {@code key} (PEM, P-256 or Ed25519). */
  private static Credentials.Certificate certificate(Config ike, String at, Path base) {
    try {
      byte[] der = certificateHolder(ike, at, base, "certificate").getEncoded();
      String keyPem = java.nio.file.Files.readString(base.resolve(ike.getString("key")));
      var key = net.iotgw.protocols.ike.auth.AuthKeys.privateKeyFromPem(keyPem);
      if (!(key instanceof net.iotgw.protocols.wire.Decoded.Ok<
          org.bouncycastle.crypto.params.AsymmetricKeyParameter> ok)) {
        throw new ConfigException.BadValue(ike.origin(), at + "ike.key", "not a private key");
      }
      return new Credentials.Certificate(ok.value(), List.of(der));
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new ConfigException.BadValue(ike.origin(), at + "ike", e.getMessage());
    }
  }

  private static org.bouncycastle.cert.X509CertificateHolder certificateHolder(
      Config ike, String at, Path base, String key) {
    try (var reader = new org.bouncycastle.openssl.PEMParser(
        java.nio.file.Files.newBufferedReader(base.resolve(ike.getString(key))))) {
      if (reader.readObject() instanceof org.bouncycastle.cert.X509CertificateHolder h) {
        return h;
      }
      throw new ConfigException.BadValue(ike.origin(), at + "ike." + key, "not a certificate");
    } catch (java.io.IOException e) {
      throw new ConfigException.BadValue(ike.origin(), at + "ike." + key, e.getMessage());
    }
  }

  private static long eui64(Config e, String at) {
    return Eui64Text.parse(e.getString("eui64")).orElseThrow(() ->
        new ConfigException.BadValue(e.origin(), at + "eui64", "8 colon-separated hex octets"));
  }

  private static InetAddress inet(Ipv6Address a) {
    try {
      return InetAddress.getByAddress(a.bytes());
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 octets are an IPv6 address", e);
    }
  }
}
