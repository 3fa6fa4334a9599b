//! What the client does when its server goes away (pod deleted, node lost): the next statement
//! fails with `ERROR 2006`, the client tries to reconnect, and either prints the new connection
//! and runs the statement, or prints `ERROR 2003` and `Can't connect to the server`.

use super::client::{cant_connect, ClientSession, MysqlServer};

/// The state of the client's connection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Link {
    /// Connected.
    Up,
    /// The server went away; `reconnect_id` is the connection id a reconnect gets (`None`:
    /// nothing answers); `reported` once `ERROR 2006` has been printed.
    Gone { reconnect_id: Option<u64>, reported: bool },
}

impl ClientSession {
    /// Tells the session its server is gone. With `Some(server)` a (new) mysqld answers at the
    /// same address, and the next statement reconnects to it; with `None` nothing answers.
    pub fn server_changed(&mut self, server: Option<&mut MysqlServer>) {
        let reported = matches!(self.link, Link::Gone { reported: true, .. });
        let reconnect_id = server.map(|s| {
            s.next_connection_id += 1;
            self.hostname.clone_from(&s.hostname);
            self.started_at = s.started_at;
            s.next_connection_id - 1
        });
        self.link = Link::Gone { reconnect_id, reported };
    }

    /// Before a statement: `(text printed, connected)`.
    pub(super) fn reconnect_if_needed(&mut self) -> (String, bool) {
        let Link::Gone { reconnect_id, reported } = self.link.clone() else {
            return (String::new(), true);
        };
        let mut out = String::new();
        if !reported {
            out.push_str("ERROR 2006 (HY000): MySQL server has gone away\n");
        }
        out.push_str("No connection. Trying to reconnect...\n");
        match reconnect_id {
            Some(id) => {
                self.connection_id = id;
                self.link = Link::Up;
                out.push_str(&format!("Connection id:    {id}\nCurrent database: {}\n\n", self.db.as_deref().unwrap_or("*** NONE ***")));
                (out, true)
            }
            None => {
                match &self.server_host {
                    Some(h) => out.push_str(&cant_connect(self.client_version, h)),
                    None => out.push_str("ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)\n"),
                }
                out.push_str("ERROR: \nCan't connect to the server\n\n");
                self.link = Link::Gone { reconnect_id: None, reported: true };
                (out, false)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::session_tests::{boot, fresh, typed};
    use super::super::MysqlVersion;
    use super::*;

    #[test]
    fn node_lost_then_a_new_pod_serves_the_same_volume() {
        let (mut d, _, mut s) = fresh();
        typed(&mut s, &mut d, &["use mysql", "create table test(id int(4));", "insert test values( 1111 );"]);
        s.server_changed(None);
        let mut srv2 = MysqlServer::new(MysqlVersion::V5_6);
        let t = typed(&mut s, &mut d, &["select * from test;", "select * from test;"]);
        assert_eq!(
            t,
            "mysql> select * from test;
ERROR 2006 (HY000): MySQL server has gone away
No connection. Trying to reconnect...
ERROR 2003 (HY000): Can't connect to MySQL server on 'mysql' (111)
ERROR: 
Can't connect to the server

mysql> select * from test;
No connection. Trying to reconnect...
ERROR 2003 (HY000): Can't connect to MySQL server on 'mysql' (111)
ERROR: 
Can't connect to the server

mysql> "
        );
        boot(&mut d, MysqlVersion::V5_6);
        s.server_changed(Some(&mut srv2));
        assert_eq!(
            typed(&mut s, &mut d, &["select * from test;"]),
            "mysql> select * from test;
No connection. Trying to reconnect...
Connection id:    1
Current database: mysql

+------+
| id   |
+------+
| 1111 |
+------+
1 row in set (0.00 sec)

mysql> "
        );
    }

    #[test]
    fn reconnect_at_once_prints_2006_then_the_new_connection() {
        let (mut d, mut srv, mut s) = fresh();
        s.server_changed(Some(&mut srv));
        assert_eq!(
            typed(&mut s, &mut d, &["select 1;"]),
            "mysql> select 1;
ERROR 2006 (HY000): MySQL server has gone away
No connection. Trying to reconnect...
Connection id:    2
Current database: *** NONE ***

+---+
| 1 |
+---+
| 1 |
+---+
1 row in set (0.00 sec)

mysql> "
        );
    }
}
