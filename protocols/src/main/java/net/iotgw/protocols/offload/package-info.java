/**
 * The constrained device's side of the IKE offload (paper Sec. III-D) on the wire: what the
 * gateway, having run IKEv2 as the device, sends it over the PANA session so that it can derive
 * and use the ESP keys itself ({@link net.iotgw.protocols.offload.KeyDeliveryCodec}), and the
 * removal of an SA the gateway deleted or rekeyed.
 */
package net.iotgw.protocols.offload;
