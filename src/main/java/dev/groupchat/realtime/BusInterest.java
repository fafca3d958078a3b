package dev.groupchat.realtime;

import java.util.UUID;

/**
 * What this node wants to hear from the other nodes: the groups it has subscribers of and
 * the users it has sessions of. A broker-backed bus binds exactly these, so a node
 * receives only the traffic it can deliver (as Phoenix PubSub and Centrifugo do).
 */
interface BusInterest {

	void groupWanted(UUID groupId);

	void groupUnwanted(UUID groupId);

	void userWanted(String userId);

	void userUnwanted(String userId);

}
