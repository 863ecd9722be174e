/**
 * Migration from the Python Peresvet platform: reads its model out of an OpenLDAP directory (an
 * LDIF export or a live server, through the UnboundID LDAP SDK) and turns it into one model edit
 * with a report of every entry skipped or changed. Depends on {@code model} only; the facade
 * ({@code org.peresvet.engine.LdapMigration}) applies the edit and writes export targets.
 */
package org.peresvet.migrate.ldap;
