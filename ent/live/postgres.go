package live

import (
	"encoding/json"
	"log/slog"
	"time"

	"github.com/lib/pq"
)

// Listen returns a hub that hears the changes every process commits on the
// PostgreSQL database dsn names, its own included: one connection of its
// own LISTENs on Channel. When that connection breaks it connects again
// and ends every subscription (ErrLost), since changes may have passed
// meanwhile; their clients subscribe again and read afresh.
func Listen(dsn string, log *slog.Logger) (*Hub, error) {
	h := NewHub()
	h.postgres = true
	l := pq.NewListener(dsn, 100*time.Millisecond, 10*time.Second, func(ev pq.ListenerEventType, err error) {
		if err != nil && log != nil {
			log.Warn("the stream of changes from PostgreSQL", "event", ev, "error", err)
		}
	})
	if err := l.Listen(Channel); err != nil {
		l.Close()
		return nil, err
	}
	done := make(chan struct{})
	stopped := make(chan struct{})
	h.stop = func() {
		close(done)
		l.Close()
		<-stopped
	}
	go func() {
		defer close(stopped)
		ping := time.NewTicker(30 * time.Second)
		defer ping.Stop()
		for {
			select {
			case <-done:
				return
			case n := <-l.Notify:
				if n == nil {
					// reconnected: what was sent meanwhile is gone
					h.endAll(ErrLost)
					continue
				}
				var changes []Change
				if err := json.Unmarshal([]byte(n.Extra), &changes); err != nil {
					if log != nil {
						log.Warn("a notification that is not a list of changes", "channel", n.Channel, "error", err)
					}
					continue
				}
				h.deliver(changes)
			case <-ping.C:
				// a broken connection is found by using it
				go func() { _ = l.Ping() }()
			}
		}
	}()
	return h, nil
}

// Postgres reports whether the hub hears a PostgreSQL database.
func (h *Hub) Postgres() bool { return h.postgres }
