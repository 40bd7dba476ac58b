package pipeline

import (
	"context"
	"runtime"
	"sync"
)

// BatchJob is one pair of a batch.
type BatchJob struct {
	// Index is the job's position in the batch (e.g. its manifest row).
	Index int
	// ID names the pair in reports.
	ID   string
	Pair Pair
}

// BatchResult is the outcome of one job: a Result, or the error that
// stopped its run (a missing file, a corrupt stream, a size mismatch, …).
type BatchResult struct {
	Job    BatchJob
	Result *Result
	Err    error
}

// BatchConfig says how to run the pairs of a batch.
type BatchConfig struct {
	// Config applies to every pair. Its Threads is the batch's worker
	// budget: how many frame pairs are scored at once over all the pairs
	// in flight (0 = GOMAXPROCS). Its Budget and Progress are ignored.
	Config
	// Pairs is the number of pairs in flight at once (0 = Threads+1,
	// at most 16): several pairs are decoded and scored at the same time
	// so that the workers stay busy on short clips and while a pair's
	// inputs are opened.
	Pairs int
	// OnFrame, if not nil, is called after each scored frame pair of any
	// job. It may be called from several goroutines at once.
	OnFrame func()
}

// plan returns the number of pairs in flight and of workers per pair for
// jobs jobs with a budget of threads.
func (c *BatchConfig) plan(jobs, threads int) (pairs, workers int) {
	pairs = c.Pairs
	if pairs < 1 {
		pairs = min(threads+1, 16)
	}
	pairs = max(min(pairs, jobs), 1)
	// Each pair gets enough workers that the pairs in flight can fill the
	// budget twice over, so that a pair still running when the others are
	// done keeps several cores busy; the budget bounds the scoring itself.
	workers = min(threads, max((2*threads+pairs-1)/pairs, 1))
	return pairs, workers
}

// RunBatch scores every job with cfg, several at a time under one worker
// budget, and hands each outcome to done as soon as its job finished, in
// completion order, one call at a time. A job that fails does not stop the
// others: its error is in the BatchResult. An error returned by done stops
// the batch and is returned. When ctx is cancelled RunBatch stops every
// run and returns ctx's error; jobs interrupted that way are not handed to
// done.
//
// Each job's inputs are opened and decoded once, whatever the number of
// metrics.
func RunBatch(ctx context.Context, jobs []BatchJob, cfg BatchConfig, done func(BatchResult) error) error {
	if len(jobs) == 0 {
		return ctx.Err()
	}
	threads := cfg.Threads
	if threads < 1 {
		threads = runtime.GOMAXPROCS(0)
	}
	pairs, workers := cfg.plan(len(jobs), threads)
	budget := NewBudget(threads)

	run, cancel := context.WithCancel(ctx)
	defer cancel()
	feed := make(chan BatchJob)
	go func() {
		defer close(feed)
		for _, j := range jobs {
			select {
			case feed <- j:
			case <-run.Done():
				return
			}
		}
	}()
	results := make(chan BatchResult)
	var wg sync.WaitGroup
	for range pairs {
		wg.Go(func() {
			for j := range feed {
				pc := cfg.Config
				pc.Threads, pc.Budget, pc.Progress = workers, budget, nil
				if cfg.OnFrame != nil {
					pc.Progress = func(int, int) { cfg.OnFrame() }
				}
				decThreads := max(threads/pairs, 1)
				pair := j.Pair
				if pair.Ref.Options.Threads == 0 {
					pair.Ref.Options.Threads = decThreads
				}
				if pair.Dist.Options.Threads == 0 {
					pair.Dist.Options.Threads = decThreads
				}
				res, err := Run(run, pair, pc)
				if run.Err() != nil {
					return // cancelled: the job is not done
				}
				select {
				case results <- BatchResult{Job: j, Result: res, Err: err}:
				case <-run.Done():
					return
				}
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	var ferr error
	for r := range results {
		if ferr != nil {
			continue // drain
		}
		if err := done(r); err != nil {
			ferr = err
			cancel()
		}
	}
	if ferr != nil {
		return ferr
	}
	return ctx.Err()
}
