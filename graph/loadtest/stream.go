package loadtest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Event is one answer a subscription streamed: its data or its errors, and
// when it arrived.
type Event struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
	Received time.Time `json:"-"`
}

// Stream is a subscription opened over server-sent events (POST
// /graphql/live with Accept: text/event-stream), as a script that cannot
// open a WebSocket would.
type Stream struct {
	// Events yields the stream's answers; it is closed when the stream
	// ends (the server completed it or closed the connection).
	Events <-chan Event
	body   io.Closer
	cancel context.CancelFunc
}

// Close ends the stream from this side.
func (s *Stream) Close() {
	s.cancel()
	s.body.Close()
}

// Subscribe opens a subscription at base (the server's URL, without a
// path), signed in by header (Authorization or Cookie), and returns once the
// server answered; an answer other than 200 is an error with its body.
func Subscribe(ctx context.Context, base string, header http.Header, query string, vars map[string]any) (*Stream, error) {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(base, "/")+"/graphql/live", bytes.NewReader(body))
	if err != nil {
		cancel()
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		return nil, err
	}
	if res.StatusCode != http.StatusOK {
		raw, _ := io.ReadAll(res.Body)
		res.Body.Close()
		cancel()
		return nil, fmt.Errorf("subscribe: %d %s", res.StatusCode, raw)
	}
	events := make(chan Event, 64)
	go func() {
		defer close(events)
		defer res.Body.Close()
		r := bufio.NewReader(res.Body)
		var kind, data string
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimRight(line, "\r\n")
			switch {
			case line == "":
				if kind == "complete" {
					return
				}
				if kind == "next" && data != "" {
					e := Event{Received: time.Now()}
					if json.Unmarshal([]byte(data), &e) == nil {
						select {
						case events <- e:
						case <-ctx.Done():
							return
						}
					}
				}
				kind, data = "", ""
			case strings.HasPrefix(line, "event:"):
				kind = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
			case strings.HasPrefix(line, "data:"):
				data += strings.TrimSpace(strings.TrimPrefix(line, "data:"))
			}
		}
	}()
	return &Stream{Events: events, body: res.Body, cancel: cancel}, nil
}
