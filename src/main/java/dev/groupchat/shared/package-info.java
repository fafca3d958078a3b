/**
 * Cross-cutting vocabulary every module may use: typed domain problems, cursor paging and
 * identifiers. Deliberately small.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.groupchat.shared;
