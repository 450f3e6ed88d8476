/**
 * The constrained device's side of the IKE offload (paper Sec. III-D) on the wire, vendor AVPs
 * (Vendor-Id 32473) carried over the device's PANA session:
 *
 * <ul>
 *   <li>code 1, gateway to CD: what the gateway, having run IKEv2 as the device, sends it so that
 *       it can derive and use the ESP keys itself, and the removal of an SA the gateway deleted
 *       or rekeyed ({@link net.iotgw.protocols.offload.KeyDeliveryCodec});
 *   <li>code 2, CD to gateway: a request to open an SA to a UD, the gateway initiating as the CD,
 *       and code 3, gateway to CD: why it could not ({@link
 *       net.iotgw.protocols.offload.SaRequestCodec});
 *   <li>code 4, CD to gateway in the PNA of a delivery: the device's refusal of it, a negative
 *       acknowledgement ({@link net.iotgw.protocols.offload.DeliveryRefusalCodec}).
 * </ul>
 */
package net.iotgw.protocols.offload;
