#include "databases/schema_jobs.hpp"

#include <spdlog/spdlog.h>

#include "databases/schema_recovery.hpp"
#include "db/store.hpp"

namespace basalt::databases {

SchemaJobs::SchemaJobs(db::Store& store, ProjectIds project_ids)
    : store_(store), project_ids_(std::move(project_ids)), worker_([this] { work(); }) {}

SchemaJobs::~SchemaJobs() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    worker_.join();
}

void SchemaJobs::submit(std::string_view project_id, std::string what, std::function<void(db::Database&)> job) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(Job{std::string(project_id), std::move(what), std::move(job)});
    }
    changed_.notify_all();
}

void SchemaJobs::wait_idle() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return stopping_ || (queue_.empty() && !busy_); });
}

std::size_t SchemaJobs::pending() const {
    std::lock_guard lock(mutex_);
    return queue_.size() + (busy_ ? 1 : 0);
}

void SchemaJobs::work() {
    recover_all();
    std::unique_lock lock(mutex_);
    for (;;) {
        busy_ = false;
        changed_.notify_all();
        changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        auto job = std::move(queue_.front());
        queue_.pop_front();
        busy_ = true;
        lock.unlock();
        run_one(job);
        lock.lock();
    }
}

void SchemaJobs::run_one(const Job& job) {
    try {
        auto project = store_.project(job.project_id);
        job.run(*project);
    } catch (const std::exception& e) {
        spdlog::error("Schema job {} in project {} failed: {}", job.what, job.project_id, e.what());
    }
}

void SchemaJobs::recover_all() {
    if (!project_ids_) return;
    try {
        for (const auto& id : project_ids_()) {
            {
                std::lock_guard lock(mutex_);
                if (stopping_) return;
            }
            try {
                recover_project(*store_.project(id));
            } catch (const std::exception& e) {
                spdlog::error("Recovering the schema work of project {} failed: {}", id, e.what());
            }
        }
    } catch (const std::exception& e) {
        spdlog::error("Recovering schema work failed: {}", e.what());
    }
}

}  // namespace basalt::databases
