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
 *       IkeSaEngine}, {@code AuthSteps}, {@code EstablishedSteps}).
 *   <li>The task manager ({@code TaskManager}, {@code Exchanges}, {@code Outstanding}, {@code
 *       Inbound}, {@code Outbound}): message IDs, window of one, retransmission with backoff and
 *       give-up, the responder's cache of its last response, SK protection and IKE fragmentation,
 *       the hold of a response while keys are delivered, closing with every key zeroed.
 *   <li>The narrow SA ({@link net.iotgw.protocols.ike.engine.IkeSa}): role, SPIs, keys, ciphers,
 *       endpoints, what the peer supports, NAT.
 *   <li>One task per exchange and role, strongSwan's build/process pairs: {@code
 *       IkeInitInitiator} and {@code IkeInitResponder} (IKE_SA_INIT: proposals, KE, nonces,
 *       INVALID_KE_PAYLOAD, COOKIE, NAT detection, capability notifies), {@code IkeAuthInitiator}
 *       and {@code IkeAuthResponder} (IKE_AUTH: IDs, AUTH, certificates, authorization, and the
 *       first CHILD_SA through {@code ChildSaNegotiation}).
 * </ul>
 *
 * <h2>Extension points (CREATE_CHILD_SA, INFORMATIONAL)</h2>
 *
 * <ul>
 *   <li>An exchange we start is an {@link net.iotgw.protocols.ike.engine.InitiatorTask}, given
 *       to {@code IkeSaEngine.queue} on an established SA: the task manager runs queued tasks one
 *       at a time ({@code IkeState.TaskQueue}), seals, sends, retransmits and matches the
 *       response, then applies the task's {@link net.iotgw.protocols.ike.engine.TaskOutcome}.
 *   <li>An exchange the peer starts is a {@link net.iotgw.protocols.ike.engine.ResponderTask};
 *       {@code EstablishedSteps.onRequest} is where one is chosen by exchange type (today every
 *       request there is dropped as {@code UNSUPPORTED_EXCHANGE}), and {@code
 *       TaskManager.afterReply} sends, caches or holds its reply.
 *   <li>A new CHILD_SA of either kind returns {@code TaskOutcome.Agreed}: the task manager then
 *       emits {@code ChildSaAgreed}, holds a responder's reply and waits in {@code AwaitingKeys}
 *       for the owner's {@code KeysDelivered}, exactly as for the first CHILD_SA. {@code
 *       ChildSaNegotiation} is written to be called with a CREATE_CHILD_SA's own nonces; PFS
 *       would add g^ir to its KEYMAT (KeySchedule has the variant) and to the key delivery.
 *   <li>Known limits: rekeying, deletion and liveness (INFORMATIONAL), MOBIKE, EAP, childless
 *       SAs, and requests arriving while a CHILD_SA waits for its keys (dropped) are not done.
 * </ul>
 */
package net.iotgw.protocols.ike.engine;
