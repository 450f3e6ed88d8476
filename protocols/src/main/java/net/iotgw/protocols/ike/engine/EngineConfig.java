package net.iotgw.protocols.ike.engine;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * Everything the owner gives an IKE SA engine at creation besides time and randomness.
 *
 * @param profile the CD's static profile
 * @param cdAddress the CD's IPv6 address (16 bytes): the gateway speaks IKE from it, and traffic
 *     selectors on the CD's side are narrowed to it
 * @param limits timeouts, lifetimes and sizes
 * @param natTraversal how UDP encapsulation is decided (RFC 7296 §2.23)
 * @param keyDelivery what the CD is sent to derive its ESP keys (paper Sec. III-D)
 * @param ikePort the IKE port (500)
 * @param natTPort the NAT-T port (4500): IKE there travels behind a non-ESP marker (RFC 3948)
 * @param debugKeys whether {@link IkeOutput.KeysForDebug} is emitted (test and debug only: it
 *     carries the IKE SA's keys)
 * @param cryptoObserver told of each cryptographic operation ({@link CryptoObserver#NONE} but for
 *     a simulated CD that counts its cost); not part of equality
 */
public record EngineConfig(
    Profile profile,
    byte[] cdAddress,
    Limits limits,
    NatTraversal natTraversal,
    KeyDeliveryMode keyDelivery,
    int ikePort,
    int natTPort,
    boolean debugKeys,
    CryptoObserver cryptoObserver) {

  /** RFC 7296 §2.23 detection, or UDP encapsulation always. */
  public enum NatTraversal {
    /** Encapsulate and float to the NAT-T port only when the NAT_DETECTION hashes disagree. */
    DETECT,
    /**
     * Send a NAT_DETECTION_SOURCE_IP hash that cannot match, as strongSwan's kernel-libipsec does,
     * so both sides encapsulate ESP in UDP (what the gateway's forwarder expects), and float to
     * the NAT-T port after IKE_SA_INIT.
     */
    FORCE
  }

  /** Paper Sec. III-D sends SKEYSEED; SK_d alone is the least-privilege option (paper-notes.md). */
  public enum KeyDeliveryMode {
    SKEYSEED,
    SK_D
  }

  public EngineConfig {
    if (profile == null || limits == null || natTraversal == null || keyDelivery == null) {
      throw new IllegalArgumentException("profile, limits, NAT traversal and key delivery needed");
    }
    if (cdAddress.length != 16) {
      throw new IllegalArgumentException("the CD's address is an IPv6 address");
    }
    cdAddress = cdAddress.clone();
    if (cryptoObserver == null) {
      throw new IllegalArgumentException("a crypto observer is needed: CryptoObserver.NONE");
    }
  }

  /** Without a crypto observer. */
  public EngineConfig(
      Profile profile, byte[] cdAddress, Limits limits, NatTraversal natTraversal,
      KeyDeliveryMode keyDelivery, int ikePort, int natTPort, boolean debugKeys) {
    this(profile, cdAddress, limits, natTraversal, keyDelivery, ikePort, natTPort, debugKeys,
        CryptoObserver.NONE);
  }

  /** Standard ports, detected NAT, SKEYSEED delivery, no debug keys. */
  public static EngineConfig of(Profile profile, InetAddress cdAddress) {
    return new EngineConfig(
        profile, cdAddress.getAddress(), Limits.DEFAULT, NatTraversal.DETECT,
        KeyDeliveryMode.SKEYSEED, 500, 4500, false);
  }

  @Override
  public byte[] cdAddress() {
    return cdAddress.clone();
  }

  public EngineConfig withLimits(Limits l) {
    return new EngineConfig(
        profile, cdAddress, l, natTraversal, keyDelivery, ikePort, natTPort, debugKeys,
        cryptoObserver);
  }

  public EngineConfig withNatTraversal(NatTraversal n) {
    return new EngineConfig(
        profile, cdAddress, limits, n, keyDelivery, ikePort, natTPort, debugKeys, cryptoObserver);
  }

  public EngineConfig withKeyDelivery(KeyDeliveryMode k) {
    return new EngineConfig(
        profile, cdAddress, limits, natTraversal, k, ikePort, natTPort, debugKeys, cryptoObserver);
  }

  public EngineConfig withPorts(int ike, int natT) {
    return new EngineConfig(
        profile, cdAddress, limits, natTraversal, keyDelivery, ike, natT, debugKeys,
        cryptoObserver);
  }

  public EngineConfig withDebugKeys(boolean on) {
    return new EngineConfig(
        profile, cdAddress, limits, natTraversal, keyDelivery, ikePort, natTPort, on,
        cryptoObserver);
  }

  public EngineConfig withProfile(Profile p) {
    return new EngineConfig(
        p, cdAddress, limits, natTraversal, keyDelivery, ikePort, natTPort, debugKeys,
        cryptoObserver);
  }

  public EngineConfig withCryptoObserver(CryptoObserver o) {
    return new EngineConfig(
        profile, cdAddress, limits, natTraversal, keyDelivery, ikePort, natTPort, debugKeys, o);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EngineConfig c
        && profile.equals(c.profile)
        && Arrays.equals(cdAddress, c.cdAddress)
        && limits.equals(c.limits)
        && natTraversal == c.natTraversal
        && keyDelivery == c.keyDelivery
        && ikePort == c.ikePort
        && natTPort == c.natTPort
        && debugKeys == c.debugKeys;
  }

  @Override
  public int hashCode() {
    return 31 * profile.hashCode() + Arrays.hashCode(cdAddress);
  }

  @Override
  public String toString() {
    return "EngineConfig[" + profile.identity() + ", " + natTraversal + ", " + keyDelivery + "]";
  }
}
