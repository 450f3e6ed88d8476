/**
 * The UCN port: the gateway's side of the unconstrained network, as a Pekko Streams {@code
 * Flow<byte[] to send, byte[] received>} behind the small {@link net.iotgw.streams.ucn.UcnPort}
 * interface. {@link net.iotgw.streams.ucn.TunPort} puts it on a Linux TUN device ({@link
 * net.iotgw.streams.ucn.TunDevice}, JNA, IFF_TUN | IFF_NO_PI); {@link
 * net.iotgw.streams.ucn.InMemoryPort} stands in for it in tests and the demo.
 *
 * <p>Every port of the data plane has the same shape, so the stack is closed at both ends:
 *
 * <pre>
 *   ucnPort.flow()                  // Flow&lt;IPv6 to the UCN, IPv6 from the UCN&gt;
 *       .join(adaptation)           // BidiFlow&lt;IPv6 from UCN, frame to radio, frame from radio, IPv6 to UCN&gt;
 *       .join(radio)                // Flow&lt;frame to the radio, frame from the radio&gt;
 *       .run(system);
 * </pre>
 */
package net.iotgw.streams.ucn;
