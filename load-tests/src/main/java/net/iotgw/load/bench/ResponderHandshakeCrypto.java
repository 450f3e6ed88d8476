package net.iotgw.load.bench;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.EncryptionAlgorithm;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.auth.AuthOctets;
import net.iotgw.protocols.ike.auth.DigitalSignatureAuth;
import net.iotgw.protocols.ike.auth.SharedKeyAuth;
import net.iotgw.protocols.ike.crypto.KeyExchange;
import net.iotgw.protocols.ike.crypto.KeyExchanges;
import net.iotgw.protocols.ike.keys.IkeSaKeys;
import net.iotgw.protocols.ike.keys.KeySchedule;
import net.iotgw.protocols.ike.keys.Suite;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The responder's cryptographic work per IKEv2 handshake (IKE_SA_INIT + IKE_AUTH), the bound on
 * handshakes/s per core that no amount of actor or stream engineering can beat:
 *
 * <ul>
 *   <li>IKE_SA_INIT: an ephemeral key pair and the agreement with the initiator's KE;
 *   <li>the key schedule: SKEYSEED and prf+ into the seven SK_* keys;
 *   <li>IKE_AUTH: open the initiator's SK payload, verify its AUTH, compute ours, seal the
 *       response.
 * </ul>
 *
 * Run: {@code java -jar load-tests/target/load-tests.jar jmh ResponderHandshakeCrypto -f 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ResponderHandshakeCrypto {

  private static final Suite AES_GCM_X25519 =
      Suite.of(
          EncryptionAlgorithm.ENCR_AES_GCM_16, 128, IntegrityAlgorithm.NONE,
          PrfAlgorithm.PRF_HMAC_SHA2_256, DhGroup.CURVE25519);

  private final SecureRandom random = new SecureRandom();
  private byte[] initiatorKe;
  private byte[] ni;
  private byte[] nr;
  private byte[] psk;
  private byte[] gir;
  /** Realistic sizes: strongSwan's IKE_SA_INIT request is 232 bytes, the inner IKE_AUTH ~ 250. */
  private byte[] initMessage;
  private byte[] respMessage;
  private byte[] idPayloadBody;
  private byte[] authPlaintext;
  private byte[] aad;
  private AsymmetricCipherKeyPair ecdsaKeys;

  @Setup
  public void setUp() {
    initiatorKe = KeyExchanges.generate(DhGroup.CURVE25519, random).publicValue();
    ni = bytes(32);
    nr = bytes(32);
    psk = bytes(32);
    initMessage = bytes(232);
    respMessage = bytes(240);
    idPayloadBody = bytes(20);
    authPlaintext = bytes(250);
    aad = bytes(32);
    gir = KeyExchanges.generate(DhGroup.CURVE25519, random).agree(initiatorKe).orThrow();
    X9ECParameters p256 = CustomNamedCurves.getByName("P-256");
    ECKeyPairGenerator generator = new ECKeyPairGenerator();
    generator.init(
        new ECKeyGenerationParameters(
            new ECDomainParameters(p256.getCurve(), p256.getG(), p256.getN(), p256.getH()), random));
    ecdsaKeys = generator.generateKeyPair();
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** IKE_SA_INIT alone: generate our X25519 key pair and agree. */
  @Benchmark
  public void x25519KeyPairAndAgreement(Blackhole bh) {
    KeyExchange ke = KeyExchanges.generate(DhGroup.CURVE25519, random);
    bh.consume(ke.publicValue());
    bh.consume(ke.agree(initiatorKe));
  }

  /** SKEYSEED and prf+ into SK_d, SK_ai/ar, SK_ei/er, SK_pi/pr for AES-GCM-16 + HMAC-SHA2-256. */
  @Benchmark
  public IkeSaKeys keySchedule() {
    return KeySchedule.derive(AES_GCM_X25519, gir, ni, nr, 0x1122334455667788L, 0x99aabbccddeeff00L);
  }

  /** The whole responder handshake with PSK authentication. */
  @Benchmark
  public byte[] handshakePsk() {
    IkeSaKeys keys = dhAndKeys();
    // The initiator's sealed IKE_AUTH is made here only to have one to open; a real responder
    // receives it. Sealing costs about what opening does (one AEAD pass over ~250 bytes).
    var fromInitiator = keys.initiatorCipher();
    byte[] inner = fromInitiator.open(aad, fromInitiator.seal(aad, authPlaintext, random)).orThrow();
    byte[] theirOctets = AuthOctets.of(initMessage, nr, PrfAlgorithm.PRF_HMAC_SHA2_256, keys.skPi(), idPayloadBody);
    byte[] theirAuth = SharedKeyAuth.compute(PrfAlgorithm.PRF_HMAC_SHA2_256, psk, theirOctets);
    if (!SharedKeyAuth.verify(PrfAlgorithm.PRF_HMAC_SHA2_256, psk, theirOctets, theirAuth)) {
      throw new AssertionError("PSK AUTH must verify");
    }
    byte[] ourOctets = AuthOctets.of(respMessage, ni, PrfAlgorithm.PRF_HMAC_SHA2_256, keys.skPr(), idPayloadBody);
    byte[] ourAuth = SharedKeyAuth.compute(PrfAlgorithm.PRF_HMAC_SHA2_256, psk, ourOctets);
    inner[0] ^= ourAuth[0];
    return keys.responderCipher().seal(aad, inner, random);
  }

  /**
   * The whole responder handshake with ECDSA P-256 (RFC 7427): we sign our AUTH and verify the
   * initiator's signature.
   */
  @Benchmark
  public byte[] handshakeEcdsaP256() {
    IkeSaKeys keys = dhAndKeys();
    byte[] theirOctets = AuthOctets.of(initMessage, nr, PrfAlgorithm.PRF_HMAC_SHA2_256, keys.skPi(), idPayloadBody);
    // The initiator's signature is made here only to have one to verify; a real responder
    // receives it. Its cost is measured apart by ecdsaSign.
    byte[] theirAuth = DigitalSignatureAuth.sign(ecdsaKeys.getPrivate(), theirOctets);
    if (!DigitalSignatureAuth.verify(ecdsaKeys.getPublic(), theirOctets, theirAuth).isOk()) {
      throw new AssertionError("ECDSA AUTH must verify");
    }
    byte[] ourOctets = AuthOctets.of(respMessage, ni, PrfAlgorithm.PRF_HMAC_SHA2_256, keys.skPr(), idPayloadBody);
    return keys.responderCipher().seal(aad, DigitalSignatureAuth.sign(ecdsaKeys.getPrivate(), ourOctets), random);
  }

  /** One ECDSA P-256 signature, to subtract from {@link #handshakeEcdsaP256}. */
  @Benchmark
  public byte[] ecdsaSign() {
    return DigitalSignatureAuth.sign(ecdsaKeys.getPrivate(), initMessage);
  }

  private IkeSaKeys dhAndKeys() {
    KeyExchange ke = KeyExchanges.generate(DhGroup.CURVE25519, random);
    byte[] gir = ke.agree(initiatorKe).orThrow();
    ke.destroy();
    return KeySchedule.derive(AES_GCM_X25519, gir, ni, nr, 0x1122334455667788L, 0x99aabbccddeeff00L);
  }
}
