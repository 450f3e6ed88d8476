package net.iotgw.protocols.ike.engine;

/**
 * What IKE_AUTH needs from IKE_SA_INIT (RFC 7296 §2.15): both messages exactly as sent (the
 * initiator's last try, with its cookie) and both nonces.
 */
record InitExchange(byte[] initiatorMessage, byte[] responderMessage, byte[] ni, byte[] nr) {

  InitExchange {
    initiatorMessage = initiatorMessage.clone();
    responderMessage = responderMessage.clone();
    ni = ni.clone();
    nr = nr.clone();
  }

  @Override
  public byte[] initiatorMessage() {
    return initiatorMessage.clone();
  }

  @Override
  public byte[] responderMessage() {
    return responderMessage.clone();
  }

  @Override
  public byte[] ni() {
    return ni.clone();
  }

  @Override
  public byte[] nr() {
    return nr.clone();
  }

  @Override
  public String toString() {
    return "InitExchange[" + initiatorMessage.length + " + " + responderMessage.length + " bytes]";
  }
}
