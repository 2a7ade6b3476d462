#include "app/private_data_dir.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "common/temp_dir.h"

namespace tix::app {
namespace {

namespace fs = std::filesystem;

fs::perms Mode(const fs::path& path) { return fs::status(path).permissions() & fs::perms::mask; }

// Runs the test body under a permissive umask, as a login shell would start tixd, and restores
// the test process's own afterwards.
class PermissiveUmask {
  public:
    PermissiveUmask() : saved_(::umask(022)) {}
    ~PermissiveUmask() { ::umask(saved_); }

  private:
    mode_t saved_;
};

TEST(PrivateDataDir, NewDirectoryIsOwnerOnlyWhateverTheUmask) {
    TempDir parent;
    const fs::path data = parent.path() / "data";
    const PermissiveUmask umask;
    ASSERT_TRUE(CreatePrivateDirectory(data.string()).ok());
    EXPECT_EQ(Mode(data), fs::perms::owner_all);
}

TEST(PrivateDataDir, ExistingDirectoryIsLeftAsTheOperatorSetIt) {
    TempDir data;
    fs::permissions(data.path(),
                    fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
    ASSERT_TRUE(CreatePrivateDirectory(data.path().string()).ok());
    EXPECT_EQ(Mode(data.path()),
              fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
}

TEST(PrivateDataDir, DirectoryUnderAFileIsAnIoError) {
    TempDir parent;
    std::ofstream(parent.File("file")) << "x";
    EXPECT_EQ(CreatePrivateDirectory(parent.File("file") + "/data").code(), Status::Code::kIoError);
}

TEST(PrivateDataDir, ReportsWhatOthersCanReadAndNothingWhenPrivate) {
    TempDir data;
    std::ofstream(data.File("tix.db")) << "x";
    std::ofstream(data.File("unrelated")) << "x";
    fs::permissions(data.path(),
                    fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
    fs::permissions(data.File("tix.db"),
                    fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    fs::permissions(data.File("unrelated"), fs::perms::all);
    EXPECT_EQ(ExposedDataPaths(data.path().string()),
              (std::vector<std::string>{data.path().string(), data.File("tix.db")}));

    fs::permissions(data.path(), fs::perms::owner_all);
    fs::permissions(data.File("tix.db"), fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_TRUE(ExposedDataPaths(data.path().string()).empty());
}

TEST(PrivateDataDir, MissingDirectoryHasNothingExposed) {
    EXPECT_TRUE(ExposedDataPaths("/nonexistent/tix/dir").empty());
}

}  // namespace
}  // namespace tix::app
