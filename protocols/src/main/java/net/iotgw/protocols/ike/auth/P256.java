package net.iotgw.protocols.ike.auth;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * NIST P-256, the curve of ecdsa-with-SHA256 here. Keys parsed from PEM or certificates arrive on
 * BouncyCastle's generic curve implementation; {@link #is} recognises the curve by its parameters,
 * and {@link #DOMAIN} is the fast custom implementation keys are moved onto.
 */
final class P256 {
  static final ECDomainParameters DOMAIN;

  static {
    X9ECParameters x9 = CustomNamedCurves.getByName("secp256r1");
    DOMAIN = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH(), x9.getSeed());
  }

  private P256() {}

  static boolean is(ECDomainParameters p) {
    if (p == DOMAIN) {
      return true;
    }
    ECPoint g = p.getG().normalize();
    ECPoint g0 = DOMAIN.getG().normalize();
    return p.getCurve().equals(DOMAIN.getCurve())
        && p.getN().equals(DOMAIN.getN())
        && g.getAffineXCoord().toBigInteger().equals(g0.getAffineXCoord().toBigInteger())
        && g.getAffineYCoord().toBigInteger().equals(g0.getAffineYCoord().toBigInteger());
  }
}
