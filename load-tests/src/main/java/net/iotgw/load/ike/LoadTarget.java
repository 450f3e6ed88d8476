package net.iotgw.load.ike;

import java.net.InetSocketAddress;
import java.util.Optional;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.Identity;

/**
 * One responder an attempt opens an IKE SA to: where it listens, who it must prove to be, and
 * the initiator's engine configuration for it (our identity, credentials, the suite, the peer
 * authorized).
 */
public record LoadTarget(InetSocketAddress responder, Optional<Identity> expectedPeer,
    EngineConfig config) {}
