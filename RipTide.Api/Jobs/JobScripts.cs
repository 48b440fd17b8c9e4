namespace RipTide.Api.Jobs;

/// <summary>
/// The Lua scripts that change a job's state. Each runs atomically in Redis, so every Api copy sees a job's
/// frontier, counts and status change together: a URL is admitted once, a result is stored once, and a job
/// completes exactly when nothing waits and nothing is pending.
/// </summary>
internal static class JobScripts
{
    /// <summary>
    /// Ends a job: KEYS[3] meta, KEYS[4] the active set, KEYS[5] the caller's active set, KEYS[first..] every key of
    /// the job (they get the retention TTL).
    /// </summary>
    private const string Finish = """
        local function finish(status, reason, now, retention, id, first)
          redis.call('HSET', KEYS[3], 'status', status, 'reason', reason, 'finished', now)
          redis.call('HDEL', KEYS[3], 'seeding')
          redis.call('SREM', KEYS[4], id)
          redis.call('SREM', KEYS[5], id)
          for i = first, #KEYS do redis.call('EXPIRE', KEYS[i], retention) end
        end
        """;

    /// <summary>
    /// Acknowledges the entry and completes the job when nothing waits and nothing is pending (KEYS[1] frontier,
    /// KEYS[2] waiting, ARGV[1] group, ARGV[2] entry id or '', ARGV[3] now, ARGV[4] retention, ARGV[5] job id);
    /// true when it completed the job. Needs <see cref="Finish"/>, the job's status as its script read it, and the
    /// KEYS index of the job's keys in <c>first</c>.
    /// </summary>
    private const string AcknowledgeFunction = """
        local function acknowledge(status, first)
          if ARGV[2] ~= '' then
            redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
            redis.call('XDEL', KEYS[1], ARGV[2])
          end
          if status ~= 'running' then return false end
          if redis.call('ZCARD', KEYS[2]) > 0 then return false end
          if redis.call('XPENDING', KEYS[1], ARGV[1])[1] > 0 then return false end
          finish('completed', '', ARGV[3], ARGV[4], ARGV[5], first)
          return true
        end
        """;

    /// <summary>
    /// KEYS: meta, active, caller's active set, caller's job list, frontier, every caller's recent jobs, request. ARGV: id, caller, now (ms), request,
    /// kind, max active, max per caller, seeds preview, retention (s). -1: the system is full; -2: the caller is.
    /// </summary>
    public const string Submit = """
        if redis.call('SCARD', KEYS[2]) >= tonumber(ARGV[6]) then return -1 end
        if redis.call('SCARD', KEYS[3]) >= tonumber(ARGV[7]) then return -2 end
        redis.call('HSET', KEYS[1], 'id', ARGV[1], 'caller', ARGV[2], 'created', ARGV[3], 'kind', ARGV[5],
          'status', 'queued', 'seeds', ARGV[8], 'seeding', ARGV[3])
        redis.call('SET', KEYS[7], ARGV[4])
        redis.call('XGROUP', 'CREATE', KEYS[5], 'crawlers', '$', 'MKSTREAM')
        redis.call('SADD', KEYS[2], ARGV[1])
        redis.call('SADD', KEYS[3], ARGV[1])
        redis.call('ZADD', KEYS[4], ARGV[3], ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', tonumber(ARGV[3]) - tonumber(ARGV[9]) * 1000)
        redis.call('ZADD', KEYS[6], ARGV[3], ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', tonumber(ARGV[3]) - tonumber(ARGV[9]) * 1000)
        return 1
        """;

    /// <summary>
    /// Admits discovered entries into the waiting set; does nothing unless the job (its status as the script read
    /// it) is queued or running. KEYS seen, too-deep, waiting and counts are passed in; ARGV from <c>first</c>: max
    /// pages, sequence direction, most URLs remembered, duplicates the calling copy already recognised (only
    /// counted), then per entry: dedupe key, member, base score, reason ('' admit a page, 'task' admit a non-page
    /// task, else the skip reason). Returns how many pages were admitted. Once the job remembers its most URLs (a
    /// site of endless generated links), further new ones are skipped as over budget, unremembered.
    /// </summary>
    private const string AdmitFunction = """
        local function admit(status, seen, deep, waiting, counters, first)
          if status ~= 'queued' and status ~= 'running' then return 0 end
          local max = tonumber(ARGV[first])
          local direction = tonumber(ARGV[first + 1])
          local remembered = tonumber(ARGV[first + 2])
          -- Counters are read once and written once: Redis spends more on each call from Lua than on its work.
          local counts = redis.call('HMGET', counters, 'admitted', 'seq')
          local total = tonumber(counts[1] or '0')
          local seq = tonumber(counts[2] or '0')
          local sizes = redis.call('SCARD', seen) + redis.call('SCARD', deep)
          local add = {}
          local function count(field) add[field] = (add[field] or 0) + 1 end
          if tonumber(ARGV[first + 3]) > 0 then add['skipped:duplicate'] = tonumber(ARGV[first + 3]) end
          local admitted = 0
          for i = first + 4, #ARGV, 4 do
            local key, member, base, reason = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), ARGV[i + 3]
            if reason ~= 'task' and sizes >= remembered and redis.call('SISMEMBER', seen, key) == 0 then
              count('skipped:budget')
            elseif reason == 'depth' then
              if redis.call('SISMEMBER', seen, key) == 0 and redis.call('SADD', deep, key) == 1 then
                sizes = sizes + 1
                count('skipped:depth')
              end
            elseif redis.call('SADD', seen, key) == 0 then
              if reason ~= 'task' then count('skipped:duplicate') end
            elseif reason == 'task' then
              sizes = sizes + 1
              seq = seq + 1
              redis.call('ZADD', waiting, base + direction * seq, member)
            else
              sizes = sizes + 1
              count('discovered')
              if reason ~= '' then
                count('skipped:' .. reason)
              elseif total >= max then
                count('skipped:budget')
              else
                total = total + 1
                seq = seq + 1
                redis.call('ZADD', waiting, base + direction * seq, member)
                admitted = admitted + 1
              end
            end
          end
          if admitted > 0 then add['admitted'] = admitted end
          if seq > tonumber(counts[2] or '0') then add['seq'] = seq - tonumber(counts[2] or '0') end
          for field, by in pairs(add) do redis.call('HINCRBY', counters, field, by) end
          return admitted
        end
        """;

    /// <summary>
    /// Takes the next <c>count</c> entries in the strategy's order into the frontier stream and claims them for the
    /// consumer; false when the job (its status as the script read it) is not running.
    /// </summary>
    private const string TakeFunction = """
        local function take(status, waiting, frontier, group, consumer, count)
          if status ~= 'running' then return false end
          local items = redis.call('ZPOPMIN', waiting, count)
          if #items == 0 then return {} end
          for i = 1, #items, 2 do redis.call('XADD', frontier, '*', 'e', items[i]) end
          local read = redis.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', count, 'STREAMS', frontier, '>')
          return read[1][2]
        end
        """;

    /// <summary>
    /// Admits discovered entries (see <see cref="AdmitFunction"/>). KEYS: seen, too-deep, waiting, counts, meta.
    /// ARGV: as the function's, from 1.
    /// </summary>
    public const string Enqueue = AdmitFunction + """

        return admit(redis.call('HGET', KEYS[5], 'status'), KEYS[1], KEYS[2], KEYS[3], KEYS[4], 1)
        """;

    /// <summary>
    /// Takes the next entries in the strategy's order into the frontier stream and claims them for this consumer.
    /// KEYS: meta, waiting, frontier. ARGV: group, consumer, count. nil when the job is not running.
    /// </summary>
    public const string Take = TakeFunction + """

        return take(redis.call('HGET', KEYS[1], 'status'), KEYS[2], KEYS[3], ARGV[1], ARGV[2], ARGV[3])
        """;

    /// <summary>
    /// Acknowledges an entry (when ARGV[2] is not empty) and completes the job when nothing waits and nothing is
    /// pending. KEYS: frontier, waiting, meta, active, caller's active, every key. ARGV: group, entry id, now,
    /// retention, job id. 1 when this call completed the job.
    /// </summary>
    public const string Acknowledge = Finish + "\n" + AcknowledgeFunction + """

        if acknowledge(redis.call('HGET', KEYS[3], 'status'), 6) then return 1 end
        return 0
        """;

    /// <summary>
    /// A page's end in one round trip: admits the links it found (when ARGV has more than 12 items, from ARGV[13] as
    /// <see cref="AdmitFunction"/>'s), stores its result once per URL, counts the duplicates its copy recognised
    /// alone, acknowledges (as <see cref="Acknowledge"/>) and, when ARGV[12] names a consumer, claims the next entry
    /// for it. KEYS: frontier, waiting, meta, active, caller's active, delivered, results, counts, seen, too-deep,
    /// every key. ARGV: group, entry id, now, retention, job id, url, result JSON, outcome ('ok', 'failed' or
    /// 'duplicate'), bytes, byte budget, known duplicates, next entry's consumer or ''. Returns {code, next entries}:
    /// code -1 over the budget (nothing acknowledged); else 0 not stored, 1 a duplicate, 2 stored, plus 10 when this
    /// call completed the job.
    /// </summary>
    public const string DeliverAndAcknowledge = Finish + "\n" + AcknowledgeFunction + "\n" + AdmitFunction + "\n" + TakeFunction + """

        local status = redis.call('HGET', KEYS[3], 'status')
        if #ARGV > 12 then admit(status, KEYS[9], KEYS[10], KEYS[2], KEYS[8], 13) end
        local stored = 0
        if status == 'running' then
          if tonumber(ARGV[11]) > 0 then redis.call('HINCRBY', KEYS[8], 'skipped:duplicate', tonumber(ARGV[11])) end
          if redis.call('SADD', KEYS[6], ARGV[6]) == 1 then
            redis.call('HINCRBY', KEYS[8], 'crawled', 1)
            if ARGV[8] == 'duplicate' then
              redis.call('HINCRBY', KEYS[8], 'skipped:duplicate', 1)
              stored = 1
            elseif redis.call('HINCRBY', KEYS[8], 'result_bytes', tonumber(ARGV[9])) > tonumber(ARGV[10]) then
              return {-1, {}}
            else
              redis.call('XADD', KEYS[7], '*', 'u', ARGV[6], 'r', ARGV[7])
              redis.call('HINCRBY', KEYS[8], ARGV[8] == 'ok' and 'succeeded' or 'failed', 1)
              stored = 2
            end
          end
        end
        if acknowledge(status, 11) then return {stored + 10, {}} end
        if ARGV[12] == '' then return {stored, {}} end
        return {stored, take(status, KEYS[2], KEYS[1], ARGV[1], ARGV[12], 1) or {}}
        """;

    /// <summary>
    /// Ends a queued or running job as cancelled or failed. KEYS: frontier, waiting, meta, active, caller's active,
    /// every key. ARGV: status, reason, now, retention, job id. 1 when this call ended it.
    /// </summary>
    public const string End = Finish + """

        local status = redis.call('HGET', KEYS[3], 'status')
        if status ~= 'queued' and status ~= 'running' then return 0 end
        redis.call('DEL', KEYS[2])
        finish(ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], 6)
        return 1
        """;

    /// <summary>
    /// Claims the other names of a fetched page (its redirect target, its canonical URL) for it. KEYS: seen, aliases.
    /// ARGV: the page's URL, then the names. 1 when every name is new or already this page's (a retry after a crash),
    /// 0 when another page owns one: this page duplicates it.
    /// </summary>
    public const string ClaimAliases = """
        for i = 2, #ARGV do
          if redis.call('SADD', KEYS[1], ARGV[i]) == 1 then
            redis.call('HSET', KEYS[2], ARGV[i], ARGV[1])
          elseif redis.call('HGET', KEYS[2], ARGV[i]) ~= ARGV[1] then
            return 0
          end
        end
        return 1
        """;

    /// <summary>Starts a queued job whose seeds are all in. KEYS: meta. ARGV: now. 1 when this call started it.</summary>
    public const string Start = """
        if redis.call('HGET', KEYS[1], 'status') ~= 'queued' or redis.call('HEXISTS', KEYS[1], 'seeding') == 1 then return 0 end
        redis.call('HSET', KEYS[1], 'status', 'running', 'started', ARGV[1])
        return 1
        """;
}
