package dev.groupchat.groups;

import org.springframework.data.repository.ListCrudRepository;

interface BanRepository extends ListCrudRepository<Ban, MemberKey> {

}
