/**
 * A pure IKEv2 engine (RFC 7296) for the IKE SAs the gateway holds on behalf of constrained
 * devices (paper Sec. III-C/D): {@code (state, event) -> (state, outputs)}, time and randomness as
 * parameters, no I/O. Shaped after strongSwan's libcharon.
 *
 * <h2>Pieces</h2>
 *
 * <ul>
 *   <li>{@link net.iotgw.protocols.ike.engine.IkeSaEngine}: the entry points ({@code initiate},
 *       {@code respond}, {@code handle}, {@code queue}, {@code destroy}); {@link
 *       net.iotgw.protocols.ike.engine.IkeState} the states, one handler each ({@code
 *       IkeSaEngine}, {@code AuthSteps}, {@code KeyHold}, {@code EstablishedSteps}).
 *   <li>The task manager ({@code TaskManager}, {@code Exchanges}, {@code Outstanding}, {@code
 *       Inbound}, {@code Outbound}): message IDs, window of one, retransmission with backoff and
 *       give-up, the responder's cache of its last response, SK protection and IKE fragmentation,
 *       closing with every key zeroed. {@code KeyHold}: the hold of a CHILD_SA's response while
 *       its keys are delivered, with the requests that arrive meanwhile kept (at most four).
 *   <li>The narrow SA ({@link net.iotgw.protocols.ike.engine.IkeSa}): role, SPIs, keys, the nonces
 *       that made them, ciphers, endpoints, what the peer supports, NAT.
 *   <li>One task per exchange and role, strongSwan's build/process pairs: {@code
 *       IkeInitInitiator}, {@code IkeInitResponder}, {@code IkeAuthInitiator}, {@code
 *       IkeAuthResponder} (IKE_SA_INIT, IKE_AUTH and the first CHILD_SA through {@code
 *       ChildSaNegotiation}); on the established SA the peer's requests go to {@code
 *       InformationalResponder} (liveness, Deletes, unsupported notifies answered empty) and
 *       {@code CreateChildSaResponder} ({@code ChildSaExchange} for CHILD_SAs, {@code IkeSaRekeys}
 *       for the IKE SA), and ours are the public tasks {@link
 *       net.iotgw.protocols.ike.engine.LivenessCheck}, {@link
 *       net.iotgw.protocols.ike.engine.DeleteChildSa}, {@link
 *       net.iotgw.protocols.ike.engine.DeleteIkeSa}, {@link
 *       net.iotgw.protocols.ike.engine.CreateChildSa} (additional or rekey, PFS with the profile's
 *       groups) and {@link net.iotgw.protocols.ike.engine.RekeyIkeSa}.
 *   <li>{@code Lifetimes}: soft lifetimes (less a random jitter) queue rekeys, hard ones deletes.
 *       {@code RetiredIkeSa}: the IKE SAs a rekey left, kept only for their Delete. {@code
 *       RekeyCollision}: the lowest-nonce rule of simultaneous rekeys (RFC 7296 §2.8.1/2).
 * </ul>
 *
 * <h2>What the owner sees</h2>
 *
 * <ul>
 *   <li>{@code ChildSaAgreed} for every new CHILD_SA (first, additional, rekey): deliver its
 *       {@link net.iotgw.protocols.ike.engine.KeyDelivery} (which carries g^ir with PFS and the
 *       IKE SA's own nonces, so {@code deriveChildKeys()} works for any CHILD_SA) and answer
 *       {@code KeysDelivered}. Then {@code ChildSaRekeyed(old, replacement)} and {@code
 *       ChildSaDeleted(child)}: move and remove ESP routes, tell the CD.
 *   <li>{@code IkeSaRekeyed(old SPIs, new SPIs)}, {@code RedundantIkeSa} and {@code
 *       IkeSaRetired}: which SPI pairs route to this engine (all of them until retired).
 *   <li>{@code LivenessConfirmed}, or {@code Closed(RETRANSMISSIONS_EXHAUSTED)}; {@code
 *       Closed(DELETED)} / {@code Closed(DELETED_BY_PEER)} / {@code Closed(EXPIRED)}.
 *   <li>Timers by {@link net.iotgw.protocols.ike.engine.IkeTimer}: one of each kind at most, a
 *       timer firing early, late or after being replaced is harmless.
 * </ul>
 *
 * <h2>Extension points</h2>
 *
 * <ul>
 *   <li>An exchange we start is an {@link net.iotgw.protocols.ike.engine.InitiatorTask}, given to
 *       {@code IkeSaEngine.queue}: when its turn comes it is started ({@code start} draws nonces,
 *       SPIs and key exchanges, or declines when its CHILD_SA is gone) and its {@code InFlight}
 *       form takes the response. The task manager seals, sends, retransmits and applies the
 *       {@link net.iotgw.protocols.ike.engine.TaskOutcome}.
 *   <li>An exchange the peer starts is a {@link net.iotgw.protocols.ike.engine.ResponderTask},
 *       chosen by exchange type in {@code EstablishedSteps}.
 *   <li>{@code TaskOutcome.Agreed} holds for key delivery, exactly as for the first CHILD_SA;
 *       {@code TaskOutcome.Changed} changes the established SA (children, lifetimes, a new IKE SA).
 *   <li>Known limits: MOBIKE (its notifies are answered, not acted on), EAP, childless SAs,
 *       IKE_FOLLOWUP_KE (multiple key exchanges), a peer's larger window (SET_WINDOW_SIZE),
 *       reauthentication; liveness checks are queued by the owner, which sees the ESP traffic.
 * </ul>
 */
package net.iotgw.protocols.ike.engine;
