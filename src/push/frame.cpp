#include "push/frame.h"

#include <boost/json/serialize.hpp>

namespace tix::push {

Frame MakeFrame(std::string_view event, const boost::json::object& data) {
    return std::make_shared<const std::string>(
        boost::json::serialize(boost::json::object{{"event", event}, {"data", data}}));
}

}  // namespace tix::push
